# market-api: one image for the API (`serve`), the report workers (`worker`) and one-off commands.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# Dependencies first (requirements.lock: what serving needs, pinned), so that a code change does not
# reinstall them.
COPY requirements.lock pyproject.toml ./
RUN pip install -r requirements.lock \
 && useradd --system --uid 10001 --home-dir /var/lib/market-api --create-home market
COPY README.md ./
COPY src ./src
RUN pip install --no-deps .

USER market
ENV MARKET_API_HOST=0.0.0.0 \
    MARKET_API_PORT=8080 \
    MARKET_API_DATA_DIR=/var/lib/market-api \
    MARKET_API_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=2)"
ENTRYPOINT ["market-api"]
CMD ["serve"]
