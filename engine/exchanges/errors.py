"""Venue errors every adapter maps to. `retryable` tells callers whether a retry may help."""

from __future__ import annotations


class ExchangeError(Exception):
    code = "EXCHANGE_ERROR"
    retryable = False


class NetworkError(ExchangeError):
    """The request may or may not have reached the venue: reconcile before retrying an order."""

    code = "EXCHANGE_UNAVAILABLE"
    retryable = True


class RateLimitExceeded(NetworkError):
    code = "RATE_LIMITED"


class ExchangeNotAvailable(NetworkError):
    code = "EXCHANGE_UNAVAILABLE"


class AuthenticationError(ExchangeError):
    code = "EXCHANGE_AUTH_FAILED"


class BadSymbol(ExchangeError):
    code = "NOT_FOUND"


class InvalidOrder(ExchangeError):
    code = "INVALID_ORDER"


class InsufficientFunds(InvalidOrder):
    code = "INSUFFICIENT_FUNDS"


class OrderNotFound(ExchangeError):
    code = "NOT_FOUND"


class StopOrdersUnsupported(InvalidOrder):
    """The venue (per its capability map) takes no stop-limit orders."""

    code = "STOP_ORDERS_UNSUPPORTED"


class DuplicateClientOrderId(InvalidOrder):
    """A different order already uses this client order id on the venue."""

    code = "DUPLICATE_CLIENT_ORDER_ID"


class BadRequest(ExchangeError):
    """A request the venue cannot serve as asked (unknown timeframe, out-of-range limit ...)."""

    code = "BAD_USER_INPUT"
