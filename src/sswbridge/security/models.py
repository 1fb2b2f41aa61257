"""No models. The module exists so that Django emits `post_migrate` for this app (it skips
apps without a models module), which creates the database cache table the rate limits use
(`apps.SecurityConfig.ready`)."""
