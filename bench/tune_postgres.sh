#!/usr/bin/env bash
# The PostgreSQL settings the benchmark figures in docs/benchmarks.md were measured with, for a
# machine with 24 GB of memory and SSD storage (PostgreSQL's defaults assume a small machine
# with spinning disks: 128 MB of shared buffers, random reads four times a sequential one).
# Restarts the local cluster. `make bench` prints the settings it ran with.
set -euo pipefail
psql -h 127.0.0.1 -U postgres -q \
  -c "ALTER SYSTEM SET shared_buffers = '4GB'" \
  -c "ALTER SYSTEM SET effective_cache_size = '16GB'" \
  -c "ALTER SYSTEM SET random_page_cost = 1.1"
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main restart
until pg_isready -h 127.0.0.1 -p 5432 -q; do sleep 1; done
psql -h 127.0.0.1 -U postgres -Atc "SELECT name || ' = ' || current_setting(name) FROM pg_settings WHERE name IN ('shared_buffers', 'effective_cache_size', 'random_page_cost')"
