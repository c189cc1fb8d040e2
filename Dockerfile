# One image per service, from this one file (docker compose builds all four):
#   docker build --build-arg SERVICE=registration -t umkm-registration .
#   docker run -p 8001:8000 -e KAFKA_BOOTSTRAP_SERVERS=... -e MONGODB_URL=... umkm-registration
# The image holds `shared`, that one service and the third-party packages they need, at the
# versions (and hashes) requirements.lock pins: not the other services, not the dev tools.

ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
ARG SERVICE
RUN case "${SERVICE}" in \
      registration|mentoring|partnership|reporting) ;; \
      *) echo "build with --build-arg SERVICE=registration|mentoring|partnership|reporting" >&2; \
         exit 1 ;; \
    esac
RUN pip install --no-cache-dir uv==0.13.8
ENV UV_PYTHON_DOWNLOADS=never \
    UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 \
    UV_NO_CACHE=1
WORKDIR /src
COPY requirements.lock ./
COPY shared ./shared
COPY services/${SERVICE} ./services/${SERVICE}
# requirements.lock without its editable workspace lines is a constraints file: every
# third-party package resolves to the locked version, and uv checks the locked hashes.
# --no-sources: umkm-shared comes from ./shared here, not from the workspace definition.
RUN grep -v '^-e ' requirements.lock > constraints.txt \
 && uv venv /opt/venv \
 && uv pip install --python /opt/venv/bin/python --no-sources --constraint constraints.txt \
      ./shared "./services/${SERVICE}"

FROM ${PYTHON_IMAGE}
ARG SERVICE
RUN useradd --system --uid 10001 --home-dir /app --no-create-home umkm
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# Settings are prefixed by service (REGISTRATION_HTTP_HOST, ...): the image's .env sets the
# listening address for whichever service this is; the environment still overrides it.
RUN prefix="$(echo "${SERVICE}" | tr '[:lower:]' '[:upper:]')" \
 && printf '%s_HTTP_HOST=0.0.0.0\n%s_HTTP_PORT=8000\n' "${prefix}" "${prefix}" > .env
ENV PATH=/opt/venv/bin:${PATH} \
    PYTHONUNBUFFERED=1 \
    SERVICE=${SERVICE}
EXPOSE 8000
USER umkm
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/ready', timeout=2)"]
# exec: the service is PID 1 and gets SIGTERM itself, so its lifespan stops in order.
CMD ["sh", "-c", "exec python -m \"${SERVICE}\""]
