# One image for web, worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=hlr_portal.settings.production

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libmagic1 fonts-wqy-microhei fonts-noto-cjk fonts-arphic-ukai gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# collectstatic imports the production settings, which refuse to start without their variables: these
# placeholders exist only for this step; the real values come from .env at run time (.env never enters the image).
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build/build REDIS_URL=redis://build \
    EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend python manage.py collectstatic --noinput \
 && useradd --system --home /app hlr \
 && mkdir -p /data/private \
 && chown -R hlr /data

USER hlr
ENV PRIVATE_MEDIA_ROOT=/data/private
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "hlr_portal.wsgi:application"]
