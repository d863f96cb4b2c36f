"""The service's ASGI app for servers started by import path (`asgi_app:app`): granian, hypercorn, stock
uvicorn in benchmarks/http_servers.py. Settings come from the environment, as for `market-api serve`;
the database must be migrated already (`serve` migrates before it serves)."""

from market_api.app import create_app

app = create_app()
