"""Request handlers: one per kind of question, each looking its answer up in the content.

Handlers decide what to say as a `speech.Reply` and let `speech.render` say it. They
receive the loaded content (and the visit log) when the skill is assembled.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from collections.abc import Iterable

from ask_sdk_core import utils as ask_utils
from ask_sdk_core.dispatch_components import (
    AbstractExceptionHandler, AbstractRequestHandler, AbstractRequestInterceptor, AbstractResponseInterceptor)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response
from ask_sdk_model.slu.entityresolution import StatusCode

from . import speech
from .content import Content, LocaleContent, Topic
from .conversation import Conversation, clean_attributes
from .safe_logging import describe_error
from .speech import Reply
from .visits import VisitLog

log = logging.getLogger(__name__)
MAX_HEARD = 60  # characters of an unmatched slot value we are willing to say back


class ContentHandler(AbstractRequestHandler):
    """Base for handlers that answer from the content file."""

    def __init__(self, content: Content) -> None:
        self.content = content

    def local(self, handler_input: HandlerInput) -> LocaleContent:
        """The content for the request's locale (en-US for any locale we lack)."""
        return self.content.for_locale(getattr(handler_input.request_envelope.request, "locale", None))

    def say(self, handler_input: HandlerInput, reply: Reply) -> Response:
        return speech.render(handler_input, reply, self.local(handler_input))

    def answer(self, handler_input: HandlerInput, topic: Topic, stage: str | None = None,
               lead: Iterable[str] = (), touches: Topic | None = None) -> Response:
        """Speak one stage of `topic` (its summary by default) and remember it.

        `touches` is another topic the question was about; if it is urgent, so is the answer.
        """
        local = self.local(handler_input)
        topic = local.topics[topic.id]
        stage = stage or "summary"  # "report" answers only a person's own statement
        conversation = Conversation(handler_input)
        conversation.answered(topic, stage, touches)
        text = getattr(topic, stage)
        has_more = topic.stages.index(stage) + 1 < len(topic.stages)
        offer = local.prompt("more_offer") if has_more else local.prompt("next_question")
        reply = Reply(speech=(*lead, text), topic=topic, touches=touches,
                      reprompt=local.prompt("more_offer_topic", topic=topic.name) if has_more else offer,
                      card_title=topic.title)
        # An urgent answer ends with its close, so the invitation to go on is only in
        # the reprompt; other answers ask it aloud too, as a published skill should.
        if reply.close(local) is None:
            reply = replace(reply, speech=(*reply.speech, offer), card_body=reply.speech)
        return self.say(handler_input, reply)

    def prompt(self, handler_input: HandlerInput, *keys: str, reprompt: str = "question",
               **values: str) -> Response:
        """Speak prompts from the content file, keeping the session open."""
        local = self.local(handler_input)
        pieces = tuple(local.prompt(key, **values) for key in keys)
        return self.say(handler_input, Reply(speech=pieces, reprompt=local.prompt(reprompt)))

    def unknown(self, handler_input: HandlerInput, heard: str | None) -> Response:
        """Say we lack that topic, suggest what we have, and keep listening."""
        first = "unknown_topic_heard" if heard else "unknown_topic"
        return self.prompt(handler_input, first, "unknown_suggestion", "question",
                           heard=heard or "")


def slot_entry(handler_input: HandlerInput, slot_name: str) -> tuple[str | None, str | None]:
    """(resolved value id, heard text) for a slot; either may be None.

    Only an ER_SUCCESS_MATCH counts as resolved: the id is the content entry's id.
    """
    request = handler_input.request_envelope.request
    if not isinstance(request, IntentRequest) or request.intent is None:
        return None, None
    slot = ask_utils.get_slot(handler_input, slot_name)
    if slot is None:
        return None, None
    heard = " ".join(slot.value.split()) if isinstance(slot.value, str) else ""
    # Echo back only what could be a spoken phrase; a long value is not repeated to anyone.
    heard = heard if 0 < len(heard) <= MAX_HEARD else None
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        status = getattr(getattr(authority, "status", None), "code", None)
        if status == StatusCode.ER_SUCCESS_MATCH and authority.values:
            value = authority.values[0].value
            if value is not None and isinstance(value.id, str):
                return value.id, heard
    return None, heard


def intent_name(handler_input: HandlerInput) -> str | None:
    request = handler_input.request_envelope.request
    if isinstance(request, IntentRequest) and request.intent is not None:
        return request.intent.name
    return None


class LaunchHandler(ContentHandler):
    """LaunchRequest and "start over": welcome, disclaimer, an example, a question."""

    def __init__(self, content: Content, visits: VisitLog) -> None:
        super().__init__(content)
        self.visits = visits

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (ask_utils.is_request_type("LaunchRequest")(handler_input)
                or intent_name(handler_input) == "AMAZON.StartOverIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        Conversation(handler_input).reset()
        returning = False
        if ask_utils.is_request_type("LaunchRequest")(handler_input):
            returning = self.visits.record_visit(handler_input) > 0
        keys = (("welcome_back", "disclaimer_short", "question") if returning
                else ("welcome", "disclaimer", "example", "question"))
        local = self.local(handler_input)
        pieces = tuple(local.prompt(key) for key in keys)
        return self.say(handler_input, Reply(
            speech=pieces, reprompt=local.prompt("help_reprompt"), card_body=pieces[:-1]))


class TopicQuestionHandler(ContentHandler):
    """"What is X?" (TopicIntent's topic slot) and slot-less intents fixed to one topic."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        name = intent_name(handler_input)
        return name == "TopicIntent" or name in self.content.fixed_intents

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        name = intent_name(handler_input)
        topic_id, heard = slot_entry(handler_input, "topic")
        topic_id = self.content.fixed_intents.get(name, topic_id)
        topic = local.topics.get(topic_id) if topic_id else None
        if topic is None:
            return self.unknown(handler_input, heard)
        return self.answer(handler_input, topic)


class AspectQuestionHandler(ContentHandler):
    """"What are its side effects?": an aspect of the named topic, or of the last one."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in self.content.aspect_by_intent

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        aspect = self.content.aspect_by_intent[intent_name(handler_input)]
        default = local.topics[aspect.default]
        topic_id, heard = slot_entry(handler_input, "topic")
        if topic_id is None and heard:
            return self.unknown(handler_input, heard)
        # The subject is the topic named, else the one just discussed ("what are its side effects?").
        subject = (local.topics.get(topic_id) if topic_id else None) or Conversation(handler_input).topic(local)
        target = subject.aspects.get(aspect.id) if subject else None
        if target:
            return self.answer(handler_input, local.topics[target], touches=subject)
        if subject is None or subject.id == default.id or aspect.any_topic:
            return self.answer(handler_input, default, touches=subject)
        # The source says nothing about this side of the subject: say so rather than answer
        # about something else, and offer the general answer, so "yes" brings it.
        conversation = Conversation(handler_input)
        conversation.answered(subject, subject.stages[-1])
        conversation.offered(default)
        return self.say(handler_input, Reply(
            speech=(local.prompt("aspect_gap", topic=subject.name),
                    local.prompt("more_offer_topic", topic=default.name)),
            topic=subject, reprompt=local.prompt("more_offer_topic", topic=default.name)))


class CancerSpreadHandler(ContentHandler):
    """"Can lung cancer spread to bone?": the CANCER slot, or the list with none named."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "CancerSpreadIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        cancer_id, heard = slot_entry(handler_input, "cancer")
        cancer = local.topics.get(cancer_id) if cancer_id else None
        listing = local.topics[self.content.slot_defaults["cancer"]]
        if cancer is not None:
            return self.answer(handler_input, cancer)
        if heard:
            return self.answer(handler_input, listing,
                               lead=(local.prompt("unknown_cancer", heard=heard),))
        return self.answer(handler_input, listing)


class SymptomReportHandler(ContentHandler):
    """"I have bone pain": never a diagnosis; the symptom's report, then its close."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "SymptomReportIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        topic_id, _ = slot_entry(handler_input, "symptom")
        topic = local.topics.get(topic_id) if topic_id else None
        if topic is None or topic.report is None:
            # A symptom we can't match is still a person telling us something is wrong:
            # answer with the general symptoms report, which closes with the doctor prompt.
            topic = local.topics[self.content.slot_defaults["symptom"]]
        return self.answer(handler_input, topic, stage="report")


class MoreDetailHandler(ContentHandler):
    """"Tell me more" and "yes": an offered topic, or the next stage of the last one."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in ("MoreDetailIntent", "AMAZON.YesIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        conversation = Conversation(handler_input)
        offered = conversation.offer(local)
        # "More" continues the same thread, so it keeps touching what the thread touched.
        if offered is not None:
            return self.answer(handler_input, offered, touches=conversation.topic(local))
        topic = conversation.topic(local)
        touches = conversation.touched(local)
        if topic is None:
            return self.prompt(handler_input, "nothing_yet", reprompt="help_reprompt")
        stage = conversation.stage()
        stages = topic.stages
        position = stages.index(stage) if stage in stages else 0
        if position + 1 < len(stages):
            return self.answer(handler_input, topic, stage=stages[position + 1], touches=touches)
        return self.say(handler_input, Reply(
            speech=(local.prompt("no_more", topic=topic.name), local.prompt("next_question")),
            topic=topic, touches=touches, reprompt=local.prompt("next_question")))


class NoHandler(ContentHandler):
    """"No": drop any offer and ask what else."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.NoIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        Conversation(handler_input).offered(None)
        return self.prompt(handler_input, "no_thanks", "question", reprompt="help_reprompt")


class RepeatHandler(ContentHandler):
    """"Repeat that": the last response again, exactly, close and all."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.RepeatIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        saved = Conversation(handler_input).last_response()
        if saved is None:
            return self.prompt(handler_input, "nothing_to_repeat", "question", reprompt="help_reprompt")
        return speech.replay(handler_input, saved)


class HelpHandler(ContentHandler):
    """What the skill can answer, with examples."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.HelpIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        return self.prompt(handler_input, "help", "question", reprompt="help_reprompt")


class ExitHandler(ContentHandler):
    """Stop, Cancel and NavigateHome: a short goodbye, and the session ends."""

    INTENTS = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in self.INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        return self.say(handler_input, Reply(speech=(local.prompt("goodbye"),), end_session=True))


class SessionEndedHandler(AbstractRequestHandler):
    """The session ended (the person left, or an error on Alexa's side): say nothing."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return ask_utils.is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        reason = getattr(request, "reason", None)
        error = getattr(request, "error", None)
        if error is not None:
            log.warning("session ended with error type %s", getattr(error, "object_type", None))
        else:
            log.info("session ended: %s", getattr(reason, "value", reason))
        return speech.silent_end(handler_input)


class FallbackHandler(ContentHandler):
    """AMAZON.FallbackIntent, and any intent or request type this skill doesn't know."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True  # registered last: whatever nobody else took

    def handle(self, handler_input: HandlerInput) -> Response:
        name = intent_name(handler_input)
        if name not in (None, "AMAZON.FallbackIntent"):
            log.info("unexpected intent answered with fallback")
        return self.prompt(handler_input, "fallback", reprompt="help_reprompt")


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Any error: apologise in speech and keep the session open; log without user data.

    It needs nothing that may have failed: only the default locale's text, loaded at start.
    """

    def __init__(self, content: Content) -> None:
        self.content = content

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.error("error while handling %s: %s", _request_kind(handler_input), describe_error(exception))
        local = self.content.default
        return speech.render(handler_input, Reply(
            speech=(local.prompt("error"),), reprompt=local.prompt("help_reprompt")), local)


class SessionStateInterceptor(AbstractRequestInterceptor):
    """Keeps only the session state this skill wrote (see conversation.clean_attributes)."""

    def process(self, handler_input: HandlerInput) -> None:
        manager = handler_input.attributes_manager
        manager.session_attributes = clean_attributes(manager.session_attributes)


class RepeatCacheInterceptor(AbstractResponseInterceptor):
    """Saves each open-session response so "repeat that" can replay it exactly."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if intent_name(handler_input) == "AMAZON.RepeatIntent":
            return
        Conversation(handler_input).save_response(speech.snapshot(response))


def _request_kind(handler_input: HandlerInput) -> str:
    request = handler_input.request_envelope.request
    return intent_name(handler_input) or getattr(request, "object_type", None) or type(request).__name__
