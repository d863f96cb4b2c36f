from market_api.cli.main import app

app()
