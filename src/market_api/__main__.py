from market_api.cli.main import app

# Guarded: report worker processes start by importing the main module.
if __name__ == "__main__":
    app()
