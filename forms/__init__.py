"""WTForms classes, one module per area of casework/, rendered with govuk-frontend-wtf."""
