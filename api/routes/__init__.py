"""Thin routers: parse the request, call api.services, shape the answer."""
