"""AWS Lambda entry point: `lambda_function.lambda_handler`, a thin adapter over the skill."""

from typing import Any

from bone_mets.skill import build_skill

# Built once per container, at import, so warm requests pay nothing for it.
SKILL = build_skill()


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """Answer one Alexa request envelope; never raises."""
    return SKILL.handle_event(event, context)
