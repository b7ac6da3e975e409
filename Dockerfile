# The API only; Neo4j comes from its own image (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# Graphviz's `dot` lays out the family tree; Pango and fonts for the scripts families write
# names in (Noto) set the journey book's and the record's PDFs.
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends graphviz \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core \
    fonts-noto-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /app lifelong

COPY pyproject.toml README.md ./
COPY service ./service
COPY seed ./seed
COPY visualise ./visualise
COPY cypher ./cypher
RUN pip install --no-compile .

USER lifelong
ENV LL_HOST=0.0.0.0 LL_PORT=8000 LL_CYPHER_DIR=/app/cypher
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2).status != 200)"]
CMD ["python", "-m", "service", "run"]
