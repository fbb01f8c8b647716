"""The dashboards' charts: plotly figures built in Python with their tables and CSV downloads."""
