"""The public site shell: site settings and static pages, home, navigation, context processors, elder mode,
sitemaps, robots.txt and the health check."""
