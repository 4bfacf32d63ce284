"""`scorer serve`: the review desk in the browser, on the same engine as the CLI.

    from scorer.serve import Settings, create_app
    app = create_app(Settings(folders=["reports/"]))    # an ASGI app (Starlette behind a guard)

Modules: engine (the only door to the batch runner and its cache), library (the
reports of the folders, the background scoring worker, uploads), reviews (the
review records of scorer/review), views (what the pages show), guard (token,
host and origin checks, body limits), app (routes). Pages are in
templates/serve/, with htmx and the app's own CSS/JS in templates/serve/static/.
"""

from scorer.serve.app import Settings, create_app

__all__ = ["Settings", "create_app"]
