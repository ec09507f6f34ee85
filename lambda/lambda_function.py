"""AWS Lambda entry point: `lambda_function.lambda_handler`, a thin adapter over the skill."""

from typing import Any

from bone_mets.skill import build_skill

# Built once per container, at import, so warm requests pay nothing for it.
SKILL = build_skill()

try:  # Lambda SnapStart's runtime hooks (the python3.13 runtime provides this module)
    from snapshot_restore_py import register_before_snapshot
except ImportError:  # outside SnapStart: nothing to register
    pass
else:
    # Before the snapshot: build what is otherwise built on first use (the understanding
    # module's tables), so every restored environment has it ready. Nothing made at init
    # needs refreshing after a restore: DynamoDB credentials are read from the environment
    # at each call, and no connection, clock reading or random state is kept.
    register_before_snapshot(SKILL.warm)


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """Answer one Alexa request envelope; never raises."""
    return SKILL.handle_event(event, context)
