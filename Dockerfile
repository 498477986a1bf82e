# The portal's image: the web process (gunicorn) and the Celery worker run from it.
# `.ci/image-check` runs these steps on a fresh clone without a container engine (CI): keep the two in step.

# Front-end libraries (Bootstrap, htmx, TinyMCE, Chart.js) from the npm registry, exactly as package-lock.json
# pins them. Built in a stage of its own: the final image keeps node_modules, not Node.js.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango; gettext compiles the translations; DejaVu covers accented Dutch and French.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# settings.STATICFILES_DIRS serves static/vendor/* from node_modules: collectstatic needs them.
COPY --from=assets /build/node_modules ./node_modules
# Build-time only: collectstatic and compilemessages need a key, not the real one. collectstatic writes the
# manifest that DJANGO_DEBUG=false serves from (a file missing from it answers 500 on every page).
RUN DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py collectstatic --noinput -v0 \
    && test -f staticfiles/staticfiles.json \
    && test -f staticfiles/vendor/bootstrap/css/bootstrap.min.css

RUN useradd --create-home --uid 1000 zvp && mkdir -p /app/media && chown zvp /app/media
USER zvp

EXPOSE 8000
CMD ["gunicorn", "zvp_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
