"""HTTP plumbing shared by REST, GraphQL and OAuth: responses, OpenAPI helpers, path parameters,
the cursor codec dependency and typed access to the services built at startup."""
