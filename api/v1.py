"""Version 1 of the REST API. Resources are added here as they are built (see issue 6)."""

urlpatterns: list = []
