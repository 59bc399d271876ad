"""The meeting-series planner: settings and texts, card catalogue, page context; overrides/partials/planner.html, assets/*/planner*."""
