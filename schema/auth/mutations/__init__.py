"""Passkey and step-up mutations; one module per mutation."""

from __future__ import annotations

import strawberry

from schema.auth.mutations.create_trading_grant import create_trading_grant
from schema.auth.mutations.generate_recovery_codes import generate_recovery_codes
from schema.auth.mutations.login_with_passkey import login_with_passkey
from schema.auth.mutations.passkey_login_options import passkey_login_options
from schema.auth.mutations.passkey_registration_options import passkey_registration_options
from schema.auth.mutations.register_passkey import register_passkey
from schema.auth.mutations.remove_passkey import remove_passkey
from schema.auth.mutations.rename_passkey import rename_passkey
from schema.auth.mutations.revoke_trading_grant import revoke_trading_grant
from schema.auth.mutations.step_up_challenge import step_up_challenge


@strawberry.type
class AuthMutation:
    passkey_registration_options: str = strawberry.mutation(
        resolver=passkey_registration_options,
        description="Creation options (JSON) for navigator.credentials.create.",
    )
    register_passkey = strawberry.mutation(
        resolver=register_passkey, description="Add a passkey to the signed-in account."
    )
    passkey_login_options: str = strawberry.mutation(
        resolver=passkey_login_options,
        description="Request options (JSON) for a discoverable passkey sign-in.",
    )
    login_with_passkey = strawberry.mutation(
        resolver=login_with_passkey, description="Sign in with a passkey (no password)."
    )
    rename_passkey = strawberry.mutation(resolver=rename_passkey, description="Rename a passkey.")
    remove_passkey = strawberry.mutation(
        resolver=remove_passkey, description="Remove a passkey (step-up: removePasskey)."
    )
    generate_recovery_codes = strawberry.mutation(
        resolver=generate_recovery_codes,
        description="New single-use recovery codes, shown once (step-up: generateRecoveryCodes).",
    )
    step_up_challenge = strawberry.mutation(
        resolver=step_up_challenge,
        description="Challenge a passkey must sign to approve exactly this action.",
    )
    create_trading_grant = strawberry.mutation(
        resolver=create_trading_grant,
        description="Approve up to N orders / X notional on one account for ≤ 15 minutes.",
    )
    revoke_trading_grant = strawberry.mutation(
        resolver=revoke_trading_grant, description="End a trading grant now."
    )
