"""Quiz definitions: the model, loading YAML files, the learner-safe view and answer forms."""
