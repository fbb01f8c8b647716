"""The cluster tests/test_two_servers.py runs against: two app servers, two workers, one Redis, one PostgreSQL
database (cluster.py, with the setup script it runs in setup_script.py), a browser that keeps its cookies across
them (browser.py) and the traffic a server is killed under (load.py)."""
