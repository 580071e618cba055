"""TalentLoop's speed benchmarks, run against a real ``talentloop serve`` on PostgreSQL (``make bench``).

These are not unit tests: each one sets up a throw-away database and server, puts them under load, prints a
summary and writes JSON to ``bench/results/``. See bench/README.md.
"""
