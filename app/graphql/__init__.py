"""GraphQL API (Strawberry): thin resolvers over the same domain services as REST."""
