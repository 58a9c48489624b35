"""Social trading errors, each with a stable client code."""

from __future__ import annotations

from api.errors import BadUserInput, Conflict, Forbidden, NotFound


class CannotFollowSelf(BadUserInput):
    code = "CANNOT_FOLLOW_SELF"


class UnknownTrader(NotFound):
    code = "UNKNOWN_TRADER"


class AllocationAboveFreeBalance(BadUserInput):
    code = "ALLOCATION_ABOVE_FREE_BALANCE"


class AlreadyFollowing(Conflict):
    code = "ALREADY_FOLLOWING"


class NotFollowing(NotFound):
    code = "NOT_FOLLOWING"


class InvalidFee(BadUserInput):
    code = "INVALID_FEE"


class AlreadySubscribed(Conflict):
    code = "ALREADY_SUBSCRIBED"


class AlreadySettled(Conflict):
    code = "ALREADY_SETTLED"


class CannotSubscribeOwn(BadUserInput):
    code = "CANNOT_SUBSCRIBE_OWN"


class ReviewNotAllowed(Forbidden):
    code = "REVIEW_NOT_ALLOWED"
