"""Page-shaped reads that combine the domain selectors. Kept thin: rules live in the domain apps."""

from programs.selectors import list_memberships_with_pairs


def home_summary(user) -> list[dict]:
    """Return, per membership of `user`, the pairs and what is owed; see programs.selectors."""
    return list_memberships_with_pairs(user)
