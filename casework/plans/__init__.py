"""The plans area (intervention plans, closing plans and their goals); its blueprint is in
routes.py (so importing models never imports views). Plan and Goal live in casework.cases.models."""
