"""The one place the skill is assembled. Lambda, the web service and the simulator all use it."""

from __future__ import annotations

import json
import logging
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope

from . import handlers
from .config import Config
from .content import Content, load_content
from .safe_logging import configure, describe_error
from .understanding import Reader
from .visits import VisitLog, build_persistence_adapter

log = logging.getLogger(__name__)


class BoneMetsSkill:
    """The assembled skill (`custom_skill`), its content and configuration."""

    def __init__(self, custom_skill: CustomSkill, content: Content, config: Config, reader: Reader) -> None:
        self.custom_skill = custom_skill
        self.content = content
        self.config = config
        self.reader = reader

    def warm(self) -> None:
        """Build everything built on first use (for a SnapStart snapshot): the reader's model
        and tables."""
        self.reader.warm()

    def handle_event(self, event: Any, context: Any = None) -> dict[str, Any]:
        """Answer one request envelope (as parsed JSON) with a response envelope.

        Never raises: a malformed envelope gets a spoken apology, a request for another
        skill (when SKILL_ID is set) an empty response that ends the session.
        """
        try:
            text = json.dumps(event)
        except (TypeError, ValueError) as exc:
            log.warning("malformed request envelope: %s", describe_error(exc))
            return self._apology(_raw_type(event))
        envelope = self.parse(text)
        return self._apology(_raw_type(event)) if envelope is None else self.handle_envelope(envelope, context)

    def parse(self, text: str) -> RequestEnvelope | None:
        """The request envelope in `text` (JSON), or None if it is not one (logged, without data)."""
        try:
            envelope = self.custom_skill.serializer.deserialize(text, RequestEnvelope)
            if not isinstance(envelope, RequestEnvelope) or envelope.request is None:
                raise ValueError("no request in the envelope")
        except Exception as exc:
            envelope = _without_unknown_parts(self.custom_skill.serializer, text)
            if envelope is None:
                log.warning("malformed request envelope: %s", describe_error(exc))
        return envelope

    def handle_envelope(self, envelope: RequestEnvelope, context: Any = None) -> dict[str, Any]:
        """Answer a parsed envelope (the web service parses once, to verify it); never raises."""
        if self.config.skill_id and skill_id_of(envelope) != self.config.skill_id:
            log.warning("rejected a request for another skill")
            return {"version": "1.0", "response": {"shouldEndSession": True}}
        try:
            response = self.custom_skill.invoke(request_envelope=envelope, context=context)
            return self.custom_skill.serializer.serialize(response)
        except Exception as exc:  # the exception handler covers handlers; this covers the SDK
            log.error("skill invocation failed: %s", describe_error(exc))
            return self._apology(getattr(envelope.request, "object_type", None))

    def _apology(self, request_type: Any = None) -> dict[str, Any]:
        """A spoken apology that needs nothing from the request; an empty response to a request
        type that takes no speech (Alexa rejects speech in the answer to those)."""
        if isinstance(request_type, str) and request_type.startswith(SILENT_TYPES):
            return {"version": "1.0", "response": {}}
        text = self.content.default.prompt("error")
        return {
            "version": "1.0",
            "response": {
                "outputSpeech": {"type": "PlainText", "text": text},
                "shouldEndSession": True,
            },
        }


def build_skill(config: Config | None = None) -> BoneMetsSkill:
    """Load the content and wire every handler into one skill.

    Raises:
        ContentError: the content file is malformed (raised here, never per request).
    """
    config = config or Config.from_environment()
    configure(config.log_level)
    content = load_content(config.content_path)
    adapter = build_persistence_adapter(config)
    builder = CustomSkillBuilder(persistence_adapter=adapter)
    builder.skill_id = config.skill_id
    reader = Reader(content)
    for handler in (
        handlers.LaunchHandler(content, reader, VisitLog(enabled=adapter is not None)),
        handlers.SafetyHandler(content, reader),  # before any topic: someone may be in danger
        handlers.SafetyStateHandler(content, reader),  # after a direction, it again unless asked anew
        handlers.PlayedDownHandler(content, reader),  # an urgent symptom just told, played down
        handlers.TopicQuestionHandler(content, reader),
        handlers.AspectQuestionHandler(content, reader),
        handlers.CancerSpreadHandler(content, reader),
        handlers.SymptomReportHandler(content, reader),
        handlers.AdviceRequestHandler(content, reader),
        handlers.MoreDetailHandler(content, reader),
        handlers.NoHandler(content, reader),
        handlers.RepeatHandler(content, reader),
        handlers.HelpHandler(content, reader),
        handlers.ExitHandler(content, reader),
        handlers.SessionEndedHandler(),
        # Requests that are not questions (docs/requests.md): each kind its own answer.
        handlers.CanFulfillIntentHandler(content, reader),
        handlers.PlaybackEventHandler(),
        handlers.SystemExceptionHandler(),
        handlers.ScreenEventHandler(),
        handlers.AplRuntimeErrorHandler(),
        handlers.DialogApiHandler(),
        handlers.SessionResumedHandler(content, reader),
        handlers.OutOfSessionHandler(),  # after the rest: any other request without a session
        handlers.FallbackHandler(content, reader),  # last: takes whatever nobody else did
    ):
        builder.add_request_handler(handler)
    builder.add_exception_handler(handlers.CatchAllExceptionHandler(content))
    builder.add_global_request_interceptor(handlers.SessionStateInterceptor())
    builder.add_global_response_interceptor(handlers.RepeatCacheInterceptor())
    return BoneMetsSkill(custom_skill=builder.create(), content=content, config=config, reader=reader)


# Request types the handlers answer without speech: those whose answer must carry none
# (Amazon's request references) and those the skill leaves unanswered by choice
# (docs/requests.md). An envelope of one of them that cannot be read is answered alike.
SILENT_TYPES = ("SessionEndedRequest", "System.ExceptionEncountered", "CanFulfillIntentRequest",
                "AudioPlayer.", "PlaybackController.", "AlexaSkillEvent.", "Messaging.",
                "Alexa.Presentation.APL.", "Display.ElementSelected", "Dialog.API.Invoked")


def _raw_type(event: Any) -> Any:
    """The request type of an envelope as parsed JSON, or None."""
    request = event.get("request") if isinstance(event, dict) else None
    return request.get("type") if isinstance(request, dict) else None


# Parts of a request that the SDK model reads by their type and cannot read when Alexa sends a
# type it does not know (it knows one session-resumed cause, ConnectionCompleted, and one APL
# runtime error, LIST_ERROR): the request is read without them, since the skill's answer to
# these requests does not depend on them (docs/requests.md).
UNKNOWN_PARTS = {"SessionResumedRequest": "cause", "Alexa.Presentation.APL.RuntimeError": "errors"}


def _without_unknown_parts(serializer: Any, text: str) -> RequestEnvelope | None:
    """The envelope read without the part UNKNOWN_PARTS names for its request type, or None (any
    other unreadable envelope, or one still unreadable without that part)."""
    try:
        event = json.loads(text)
        request = event["request"]
        part = UNKNOWN_PARTS.get(request.get("type"))
        if part is None or request.pop(part, None) is None:
            return None
        envelope = serializer.deserialize(json.dumps(event), RequestEnvelope)
    except Exception:  # still not an envelope the model can read: the caller logs and refuses it
        return None
    return envelope if isinstance(envelope, RequestEnvelope) and envelope.request is not None else None


def skill_id_of(envelope: RequestEnvelope) -> str | None:
    """The skill id a request envelope is addressed to: context.System.application's, the one
    the SDK checks. None when the context names none (the SDK would raise AttributeError) or
    the session names another skill, so either is refused like a request for another skill."""
    system = getattr(envelope.context, "system", None)
    context_id = getattr(getattr(system, "application", None), "application_id", None)
    session_id = getattr(getattr(envelope.session, "application", None), "application_id", None)
    return context_id if session_id in (None, context_id) else None


__all__ = ["BoneMetsSkill", "build_skill", "skill_id_of"]
