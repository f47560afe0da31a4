# sopcheck service image: Debian with Tesseract (Indonesian) and poppler.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng tesseract-ocr-osd \
      poppler-utils fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
RUN pip install --no-cache-dir -r requirements.lock
COPY extractor ./extractor
COPY rules ./rules
COPY api ./api
COPY corpus ./corpus
RUN pip install --no-cache-dir --no-deps -e .

RUN useradd --create-home --uid 10001 sopcheck && mkdir -p /data && chown sopcheck /data
USER sopcheck
ENV SOPCHECK_DATA_DIR=/data OMP_THREAD_LIMIT=1
EXPOSE 8000
CMD ["sopcheck", "serve", "--host", "0.0.0.0", "--port", "8000"]
