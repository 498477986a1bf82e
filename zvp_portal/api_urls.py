# The REST API, version 1 (built with the API).
urlpatterns = []
