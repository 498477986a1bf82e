# The portal's image: the web process (gunicorn) and the Celery worker run from it.
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
# Build-time only: collectstatic and compilemessages need a key, not the real one.
RUN DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_SECRET_KEY=build-only DJANGO_DEBUG=false python manage.py collectstatic --noinput -v0

RUN useradd --create-home --uid 1000 zvp && mkdir -p /app/media && chown zvp /app/media
USER zvp

EXPOSE 8000
CMD ["gunicorn", "zvp_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
