"""Request handlers: one per kind of question, each looking its answer up in the content.

Handlers decide what to say as a `speech.Reply` and let `speech.render` say it. They
receive the loaded content, the reader of unresolved words (understanding.py) and the
visit log when the skill is assembled.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import cached_property

from ask_sdk_core import utils as ask_utils
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.dispatch_components import (
    AbstractExceptionHandler, AbstractRequestHandler, AbstractRequestInterceptor, AbstractResponseInterceptor)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, RequestEnvelope, Response
from ask_sdk_model.canfulfill import (
    CanFulfillIntent, CanFulfillIntentValues, CanFulfillSlot, CanFulfillSlotValues, CanUnderstandSlotValues)

from . import speech
from .content import Aspect, Content, LocaleContent, Topic
from .conversation import Conversation, clean_attributes
from .safe_logging import describe_error
from .speech import Reply
from .understanding import (BYE_CARRIER, CAUSES, FREE_SLOTS, FREQUENCY, NEGATION_CARRIER, OPENING_WORDS,
                            QUESTION_CARRIERS, STATEMENT_INTENTS, TYPES, Meaning, Reader, request_words, slot_value,
                            understand)
from .visits import VisitLog

log = logging.getLogger(__name__)


class ContentHandler(AbstractRequestHandler):
    """Base for handlers that answer from the content file.

    Handlers that read slots ask `meaning` what the person meant (resolved values, or
    unresolved words read by the understanding module) and answer it with `respond`, so
    an emergency routed to any intent still gets the safe answer.
    """

    def __init__(self, content: Content, reader: Reader) -> None:
        self.content = content
        self.reader = reader

    @cached_property
    def overviews(self) -> frozenset[str]:
        """Topics that tell about bone metastases as a whole: a side of them ("diagnosis", "where
        it happens"), a slot's overview (the cancers that spread to bone), a fixed intent's
        answer (the source), and any other topic with no sides of its own that is no symptom
        ("is it bone cancer", "why early diagnosis matters"). A side asked after one ("how do
        they treat it" after the diagnosis) asks about the illness, not about that answer."""
        content = self.content
        sideless = {t.id for t in content.default.topics.values() if t.kind == "topics" and not t.aspects
                    and not t.urgent}
        return frozenset({aspect.default for aspect in content.aspects.values() if aspect.offer_default}
                         | set(content.slot_defaults.values()) | set(content.fixed_intents.values()) | sideless)

    @cached_property
    def per_cancer_answers(self) -> dict[str, set[str]]:
        """For each side the article gives per cancer (the types), the topics that answer it: the
        side itself, and what each cancer's side leads to ("osteoblastic")."""
        topics = self.content.default.topics.values()
        return {aspect.id: {aspect.default} | {t.aspects[aspect.id] for t in topics
                                               if t.kind == "cancers" and aspect.id in t.aspects}
                for aspect in self.content.aspects.values() if aspect.per_cancer}

    def local(self, handler_input: HandlerInput) -> LocaleContent:
        """The content for the request's locale (en-US for any locale we lack)."""
        return self.content.for_locale(getattr(handler_input.request_envelope.request, "locale", None))

    def meaning(self, handler_input: HandlerInput) -> Meaning | None:
        return understand(handler_input, self.reader)

    @staticmethod
    def heard(handler_input: HandlerInput) -> str:
        """The request's words as the person said them, the carrier's own word put back ("he
        {doesn't} want to bother them" reaches the skill as "{he} not {want to bother them}")."""
        return request_words(handler_input, carrier=intent_name(handler_input))

    def say(self, handler_input: HandlerInput, reply: Reply) -> Response:
        local = self.local(handler_input)
        if self.perhaps_crisis(handler_input) and reply.closing is None and not reply.end_session:
            # words read perhaps as a crisis: the line now, and (remembered after this reply is
            # rendered, so it is not said twice) in every later answer of the session
            response = speech.render(handler_input, with_crisis_line(reply, local), local)
            Conversation(handler_input).give_line()
            return response
        return speech.render(handler_input, reply, local)

    def perhaps_crisis(self, handler_input: HandlerInput) -> bool:
        """True if this request's words read perhaps as a crisis, in a conversation that gave
        no direction yet (after one, every answer already ends with it: speech.render)."""
        if Conversation(handler_input).safety() is not None:
            return False
        meaning = self.meaning(handler_input)
        if meaning is None or not meaning.perhaps_crisis:
            return False
        # An urgent symptom just told, then played down ("nah it's probably just a sprain she'll
        # be right", R92, which the model read perhaps as a crisis): the symptom's direction,
        # unless a crisis is said in so many words
        words = self.heard(handler_input)
        return self.played_down(handler_input) is None or self.reader.crisis_told(words)

    def played_down(self, handler_input: HandlerInput) -> Topic | None:
        """The urgent symptom just told (see _urgent_told), if these words play it down ("it's
        probably nothing"); else None."""
        # (heard with the carrier's own word: without it, "doesn't want to bother them", R136,
        # said the opposite)
        # ... or the urgent symptom the question just answered was about ("felt like a crack in my
        # ribs ... can bones really break from just rolling over", then "honestly it's not that
        # bad", R134): its answer closed with the doctor as a report's does
        last = Conversation(handler_input).topic(self.local(handler_input))
        told = self._urgent_told(handler_input) or (last if last is not None and last.urgent else None)
        words = self.heard(handler_input)
        return told if told is not None and self.reader.plays_down(words) else None

    def doubt_played_down(self, handler_input: HandlerInput, meaning: Meaning | None) -> bool:
        """True if words read as an emergency only in doubt (or as a crisis, see below) play down
        the urgent symptom just told ("it's probably nothing right he's just stubborn" after a
        crack heard in the arm, R100: emergency 0.12), with no crisis said in so many words: the
        symptom's own direction answers them, as it does other words that play it down. Not the
        article's own emergency (spinal cord compression), whose direction is the number."""
        words = self.heard(handler_input)
        if meaning is not None and meaning.kind == "crisis" and self.reader.waits_for_care(words):
            # ... or words read as a crisis by the model alone that put off care already booked
            # ("she says it can wait till the morning" after a crack felt in the arm, R136:
            # a crisis at 0.6), whatever the symptom: its own direction
            return self.played_down(handler_input) is not None and not self.reader.crisis_told(words)
        if meaning is None or meaning.kind != "emergency" or not meaning.unsure:
            return False
        told = self.played_down(handler_input)
        return told is not None and told.urgent == "doctor" and not self.reader.crisis_told(words)

    def _urgent_told(self, handler_input: HandlerInput) -> Topic | None:
        """The urgent symptom just told: its report the answer just heard, or told beside the
        question just answered ("the pain in her hip is there all the time now ... what does
        mixed mean", R88); else None."""
        told = self._told_just_now(handler_input) or Conversation(handler_input).touched(self.local(handler_input))
        return told if told is not None and told.urgent else None

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
                      card_title=topic.title, credit=local.source_line)
        # An urgent answer ends with its close (which also invites the next question); other
        # answers ask aloud whether to go on, as a published skill should, unless the session
        # gave an emergency or crisis direction: then the direction again ends it (speech.render).
        if reply.close_kind() is None and conversation.lasting() is None and not self.perhaps_crisis(handler_input):
            reply = reply._replace(speech=(*reply.speech, offer), card_body=reply.speech)
        return self.say(handler_input, reply)

    def prompt(self, handler_input: HandlerInput, *keys: str, reprompt: str = "question",
               **values: str) -> Response:
        """Speak prompts from the content file, keeping the session open."""
        local = self.local(handler_input)
        pieces = tuple(local.prompt(key, **values) for key in keys)
        return self.say(handler_input, Reply(speech=pieces, reprompt=local.prompt(reprompt)))

    def unknown(self, handler_input: HandlerInput, heard: str | None) -> Response:
        """Say we lack that topic (naming it only if it is a short term), suggest what we have."""
        first = "unknown_topic_heard" if heard else "unknown_topic"
        return self.prompt(handler_input, first, "unknown_suggestion", "question",
                           heard=heard or "")

    def respond(self, handler_input: HandlerInput, meaning: Meaning) -> Response:
        """Answer what the person meant: safety first, then their symptom, then their question."""
        local = self.local(handler_input)
        topic = local.topics.get(meaning.topic) if meaning.topic else None
        if meaning.safety:
            return self.direct_as_read(handler_input, meaning)
        if meaning.kind in CONVERSATION_ACTS:
            return CONVERSATION_ACTS[meaning.kind](self, handler_input)
        if meaning.kind == "report" and topic is not None and topic.report:
            if topic.urgent == "emergency":  # the article's own emergency: its direction lasts too
                # with the crisis line where one was given, or these words read perhaps as a
                # crisis ("i feel like giving up" heard as legs giving way): asked before the
                # direction is kept, which hides a perhaps-crisis from `say`
                conversation = Conversation(handler_input)
                line = conversation.named_line() or self.perhaps_crisis(handler_input)
                # its report says "if this is new, call 999": later turns keep naming the doctor too
                conversation.directed("emergency", danger=topic, line=line, unsure=True)
            return self.answer(handler_input, topic, stage="report")
        if meaning.kind == "advice":
            return self.advice(handler_input, topic, seeks_care=meaning.seeks_care and not meaning.about_medicine)
        if meaning.kind == "diagnosed" and topic is not None and topic.kind == "cancers" \
                and (intent_name(handler_input) == "TopicIntent"
                     or self.reader.tells_nothing(request_words(handler_input))):
            # "and for {my husband, he's got prostate cancer}" after the types of another cancer:
            # a follow-up carrier, so that side of this one, as "and for prostate cancer" would get;
            # so too a person and a cancer named, nothing more ("my father has thyroid cancer
            # only" just after osteolytic, which names thyroid cancer: R96)
            side = self._side_by_cancer(handler_input, topic)
            if side is not None:
                return self.aspect_answer(handler_input, side, topic, named=True)
            if intent_name(handler_input) == "TopicIntent" \
                    and self.reader.opens_with_name(request_words(handler_input), topic.id):
                # "what about {ovarian my mum's got ovarian cancer}" (R114): the cancer asked
                # about first, whose it is after; that cancer's answer, not the direction for
                # people who already have cancer
                return self.answer(handler_input, topic)
        if meaning.kind == "diagnosed" and topic is not None and topic.kind != "cancers" and not topic.urgent \
                and topic.id != self.content.slot_defaults["topic"]:
            # an illness or a kind told that the article names ("so she is having bone cancer
            # now", R89; "my dad has osteolytic"): what it is, which is the news, not the general
            # direction for people who already have cancer
            return self.answer(handler_input, topic)
        if meaning.kind in ("outlook", "feelings", "diagnosed"):
            return self.care_team(handler_input, meaning.kind, topic)
        if meaning.kind == "unwell":
            return self.unwell(handler_input)
        if meaning.kind == "beyond":
            if topic is None:
                # "would he have to stay in hospital for that" after ablation, "do they do a biopsy"
                # after how a diagnosis is made (the carrier took "they"), "how many sessions will
                # she need" after radiation: beyond the source, asked of what was just answered,
                # which the care team can tell (R74, R82); or of what was just offered ("does it
                # leave a scar" after ablation's choice refused, with ablation offered, R86)
                conversation = Conversation(handler_input)
                topic = conversation.topic(local) or conversation.offer(local)
            # a symptom told before the question ("... felt like a pop and now it's swollen ...
            # how long does radiation take to work", R133) closes the answer as its own would
            told = local.topics.get(meaning.told) if meaning.told else None
            return self.beyond(handler_input, topic, meaning.term, told=told)
        if meaning.when_to_call:
            # "when should I call my doctor versus 911": the number first, then the symptoms the
            # article says to call the doctor for (the answer's close says so last)
            symptoms = local.topics[self.content.aspects[meaning.aspect].default]
            return self.answer(handler_input, symptoms, lead=(local.safety["emergency.when_to_call"],))
        if meaning.bone is not None and self._asks_of_places(handler_input, meaning):
            # "is the skull one of them" after where they happen: whether the article lists it
            lead = local.prompt("bone_listed") if meaning.bone_listed \
                else local.prompt("bone_unlisted", heard=meaning.bone)
            return self.answer(handler_input, local.topics[self.content.aspects[LOCATIONS].default], lead=(lead,))
        if meaning.kind == "more":
            if meaning.which is not None:
                # "the spinal one" after the four symptoms: the one listed whose name has that word
                listed = self._listed(handler_input)
                pointed = self.reader.named_by(meaning.which, [t.id for t in listed])
                if pointed is not None:
                    return self._pick(handler_input, local.topics[pointed])
            conversation = Conversation(handler_input)
            if conversation.topic(local) is None and conversation.offer(local) is None:
                return self.unknown(handler_input, meaning.term)  # words that lean on nothing yet said
            last = conversation.topic(local)
            touched = conversation.touched(local)
            if touched is not None and touched.urgent and last is not None and last.id != touched.id \
                    and self.reader.asks_how_serious(request_words(handler_input), intent_name(handler_input)):
                # "is that serious then" after high calcium's signs told before a question about the
                # treatments (R89): how serious what was told is, which is the symptom's answer and
                # its close, not the treatments' next part
                return self.answer(handler_input, touched, lead=(local.prompt("how_serious"),))
            if last is not None and not last.urgent and touched is None \
                    and self.reader.asks_how_serious(request_words(handler_input), intent_name(handler_input)):
                # "is that bad" after the mixed type (R94): how serious it is for one person is the
                # care team's to say, never ours; then the article's facts, as "more" would give
                # (an urgent symptom's answer keeps its own way, and its close)
                return self.answer(handler_input, last, stage=self._next_stage(handler_input, last),
                                   lead=(local.prompt("how_serious"),))
            if meaning.eases is not None and last is not None and self.reader.is_treatment(last.id):
                return self.eases_answer(handler_input, last, local.topics[meaning.eases],
                                         touches=conversation.touched(local))
            overview = local.topics[self.content.slot_defaults["cancer"]]
            if last is not None and last.kind == "cancers" and last.id != overview.id \
                    and self.reader.asks_other_ones(request_words(handler_input)):
                # "which other ones" after thyroid cancer: the other cancers that often spread to
                # bone, which the overview names, not thyroid cancer's next part (its type)
                return self.answer(handler_input, overview)
            if last is not None and (last.kind == "cancers" or last.id == overview.id) \
                    and self._just_summarised(handler_input, last) \
                    and self.reader.asks_why(request_words(handler_input), intent_name(handler_input)):
                # "why though" after which cancers spread to bone: why they spread, which the
                # causes answer tells (experts don't know), not the list again (R74, R76)
                return self.answer(handler_input, local.topics[self.content.aspects[CAUSES].default])
            if last is not None and self._said_all(handler_input) \
                    and (group := self.reader.others_of(last.id, request_words(handler_input))) is not None:
                # "what else can they do", "is that the only thing they can do" after radiation,
                # all of which was said: the others it is one of (the treatments), whose general
                # answer names them, not its summary again (R77)
                return self.answer(handler_input, local.topics[group], touches=conversation.touched(local))
            # A question that leans on an answer with nothing more to it hears the part of it
            # that its words ask about ("do they take the tumor out too" after surgery's tools),
            # or, where no part is asked more than another ("how do they get the heat in there"
            # after ablation), its summary again, not "that's everything".
            if not meaning.plainly and self._said_all(handler_input):
                asked = self._part_asked(handler_input)
                if asked is not None:
                    return asked
            if meaning.plainly or self._said_all(handler_input) \
                    or (last is not None and (self._asks_again_of(handler_input, last)
                                              or self._asks_what_summary_told(handler_input, last))):
                return self.said_plainly(handler_input)
            return self.go_on(handler_input)
        if meaning.nth is not None:
            listed = self._listed(handler_input)
            if listed and meaning.nth <= len(listed):
                return self._pick(handler_input, listed[meaning.nth - 1 if meaning.nth > 0 else -1])
        aspect = self.content.aspects[meaning.aspect] if meaning.aspect else None
        if meaning.plainly and topic is None and aspect is None:
            return self.said_plainly(handler_input)
        compared = local.topics.get(meaning.also) if meaning.also else None
        if topic is not None and compared is not None:
            # "What's the difference between radiation and ablation": each one's summary, in turn
            return self.answer(handler_input, compared, lead=(topic.summary,), touches=topic)
        last = Conversation(handler_input).topic(local) if meaning.against_last else None
        if topic is not None and last is not None and self.reader.alike(last.id, topic.id):
            # "how's that different from the radiation" after ablation: the one "that" means first
            return self.answer(handler_input, topic, lead=(last.summary,), touches=last)
        overview = self.content.slot_defaults["cancer"]  # which cancers spread to bone
        if aspect is None and meaning.follows_up and topic is not None and topic.id == overview:
            # "which cancers do that" after a type: the cancers that type comes from, which its
            # answer names, not the overview of which cancers spread to bone
            last = Conversation(handler_input).topic(local)
            if last is not None and self._answers_per_cancer(last):
                return self.answer(handler_input, last)
            if last is not None and last.id == self.content.aspects[TYPES].default and last.more:
                # ... or after the three types, the part that names each type's cancers
                return self.answer(handler_input, last, stage="more")
        if aspect is None and meaning.kind == "question" and topic is not None and topic.kind == "cancers" \
                and not self.reader.asks_spread(request_words(handler_input)):
            # A cancer named after an answer about a side that differs by cancer ("which one is
            # it for prostate?" after the types): that side of this cancer. Asked whether it
            # spreads to bone ("is breast cancer one of the ones that goes to bone most often"
            # after mixed), it is the cancer's own answer.
            aspect = self._side_by_cancer(handler_input, topic)
        carried = topic is None and aspect is not None and not meaning.follows_up  # no "it", no name
        if topic is None and (meaning.follows_up or aspect is not None):
            conversation = Conversation(handler_input)
            topic = conversation.topic(local)
            if topic is None and meaning.follows_up and aspect is None:
                # "and why is that" after a direction that offered its topic (dental work, then
                # the jaw problem it can set off: R142): the words lean on what was offered
                topic = conversation.offer(local)
        told = local.topics.get(meaning.told) if meaning.told else None  # a symptom told before the question
        told_lead = told_first(told, topic)  # said before the answer: what they told, named
        if told is None:
            told = self._symptom_asked_of(handler_input)
        if meaning.eases is not None and topic is not None:
            return self.eases_answer(handler_input, topic, local.topics[meaning.eases], touches=told)
        if aspect is not None:
            return self.aspect_answer(handler_input, aspect, topic, carried=carried, told=told,
                                      named=meaning.topic is not None, lead=told_lead)
        if topic is not None:
            if self._named_again(handler_input, topic) or self._asks_again_of(handler_input, topic):
                # "what is osteolytic" just after its summary: the name was not understood; its
                # next part ("the other two types are ...") assumes it was. A type asked about
                # again ("is new bone not a good thing then") is answered by its summary too.
                return self.said_plainly(handler_input)
            return self.answer(handler_input, topic, stage=self._next_stage(handler_input, topic), touches=told,
                               lead=told_lead)
        if meaning.kind == "unknown" and meaning.term is None:
            # Words that name nothing but share words with a part of the last answer ("and will
            # they take the tumour out" after surgery's summary): that part, not "I don't know";
            # so for an answer of one part ("oh wow and can they use heat as well" after ablation,
            # which it tells: R143)
            asked = self._part_asked(handler_input, whole=True)
            if asked is not None:
                return asked
        return self.unknown(handler_input, meaning.term)

    def _part_asked(self, handler_input: HandlerInput, whole: bool = False) -> Response | None:
        """The part of the last topic that the request's words ask about, by the words they share
        with it more than with every other part; None if there is none. whole: a topic of one
        part may be that part."""
        local = self.local(handler_input)
        conversation = Conversation(handler_input)
        last = conversation.topic(local)
        if last is None or (len(last.stages) < 2 and not whole):
            return None
        stage = self.reader.stage_asked(request_words(handler_input),
                                        {stage: getattr(last, stage) for stage in last.stages})
        return None if stage is None else self.answer(handler_input, last, stage=stage,
                                                      touches=conversation.touched(local))

    def _asks_of_places(self, handler_input: HandlerInput, meaning: Meaning) -> bool:
        """True if a bone the words name asks where they happen: asked so ("does it go to the
        hips"), or after that answer with nothing else asked ("and the skull also") or only how
        common it is there ("would the skull be one of them or is that rare")."""
        if meaning.aspect == LOCATIONS:
            return True
        last = Conversation(handler_input).topic(self.local(handler_input))
        return meaning.aspect in (None, FREQUENCY) and last is not None \
            and last.id == self.content.aspects[LOCATIONS].default

    def eases_answer(self, handler_input: HandlerInput, treatment: Topic, symptom: Topic,
                     touches: Topic | None = None) -> Response:
        """Whether `treatment` eases `symptom` ("does it help with the pain as well" after surgery,
        "can radiation ease the pain"): the first part of its answer that names it, else that
        the source doesn't say (of pain it tells of surgery alone; of radiation or the medicines
        nothing either way). touches: a symptom told before the question, whose close the
        answer keeps."""
        word = symptom.name.split()[-1]  # "pain", not the "bone" every treatment's answer names
        told = next((stage for stage in treatment.stages if stage != "report"
                     and self.reader.stage_asked(word, {stage: getattr(treatment, stage)})), None)
        if told == "summary" and self._just_summarised(handler_input, treatment):
            return self.said_plainly(handler_input)
        if told is not None:
            return self.answer(handler_input, treatment, stage=told, touches=touches)
        conversation = Conversation(handler_input)
        same = conversation.topic(self.local(handler_input)) == treatment
        stage = (conversation.stage() if same else None) or "summary"
        untold = self.local(handler_input).prompt("eases_untold", topic=treatment.name)
        return self.untold(handler_input, treatment, untold, stage, touches)

    def untold(self, handler_input: HandlerInput, subject: Topic, said: str, stage: str,
               touches: Topic | None = None, lead: tuple[str, ...] = ()) -> Response:
        """`said` (what the source does not tell of `subject`) after `lead`, then the next
        question; an urgent symptom told beside the question (`touches`) closes it as its own
        answer would. The conversation remembers `subject` answered up to `stage`."""
        local = self.local(handler_input)
        Conversation(handler_input).answered(subject, stage, touches)
        follow = local.prompt("next_question")
        reply = Reply(speech=(*lead, said), topic=subject, touches=touches, reprompt=follow)
        # as answer(): an urgent close, or a direction given in this session, ends the reply
        if reply.close_kind() is None and Conversation(handler_input).lasting() is None \
                and not self.perhaps_crisis(handler_input):
            reply = reply._replace(speech=(*lead, said, follow))
        return self.say(handler_input, reply)

    def said_plainly(self, handler_input: HandlerInput) -> Response:
        """"What does that mean?": the last topic's summary again, the plainest words we have
        (its next part assumes the first was understood); with nothing said yet, "more"."""
        local = self.local(handler_input)
        conversation = Conversation(handler_input)
        last = conversation.topic(local)
        if last is None:
            return self.go_on(handler_input)
        return self.answer(handler_input, last, lead=(local.prompt("plainly"),), touches=conversation.touched(local))

    def _list_source(self, handler_input: HandlerInput) -> tuple[Topic, str] | None:
        """The answer a list is picked from: the one the last item was picked from ("and the
        third one" after "the second one"), else the last answer."""
        local = self.local(handler_input)
        conversation = Conversation(handler_input)
        source = conversation.list_source(local)
        if source is not None:
            return source
        last = conversation.topic(local)
        return None if last is None else (last, conversation.stage() or "summary")

    def _listed(self, handler_input: HandlerInput) -> list[Topic]:
        """The topics the list's answer named, in the order it named them ("the second one")."""
        local = self.local(handler_input)
        source = self._list_source(handler_input)
        if source is None:
            return []
        last, stage = source
        said = getattr(last, stage, None) or last.summary
        return [local.topics[topic_id] for topic_id in self.reader.listed(said, leaving=(last.id,))]

    def _pick(self, handler_input: HandlerInput, item: Topic) -> Response:
        """Answer one item of the list, remembering the list for the next pick."""
        source = self._list_source(handler_input)
        response = self.answer(handler_input, item)
        if source is not None:
            Conversation(handler_input).picked_from(*source)
        return response

    def _said_all(self, handler_input: HandlerInput) -> bool:
        """True if the last topic's last part has been said (no offer waits either)."""
        local = self.local(handler_input)
        conversation = Conversation(handler_input)
        last = conversation.topic(local)
        return last is not None and conversation.offer(local) is None and conversation.stage() == last.stages[-1]

    def _side_by_cancer(self, handler_input: HandlerInput, cancer: Topic) -> Aspect | None:
        """The side the last answer was about, if the article gives it per cancer (the types:
        osteolytic, osteoblastic, mixed) and this cancer has it; else None."""
        local = self.local(handler_input)
        last = Conversation(handler_input).topic(local)
        if last is None or last.id == cancer.id:
            return None
        for aspect_id, answers in self.per_cancer_answers.items():
            if aspect_id in cancer.aspects and last.id in answers:
                return self.content.aspects[aspect_id]
        return None

    def _answers_per_cancer(self, topic: Topic) -> bool:
        """True if `topic` is one cancer's answer to a side the article gives per cancer (a type:
        "osteoblastic"), not that side's own overview."""
        return any(topic.id in answers and topic.id != self.content.aspects[aspect_id].default
                   for aspect_id, answers in self.per_cancer_answers.items())

    def _symptom_asked_of(self, handler_input: HandlerInput) -> Topic | None:
        """The urgent symptom the last answer was about, if this question asks what caused it
        ("is it because of that only" after a broken bone told), whether it is to be expected
        ("is that like normal for bone mets" after hip pain now constant) or anything else of it
        ("will they have to operate on it" after a pop felt in the arm, "can the radiation fix the
        arm too" after a crack heard in it): its answer keeps that symptom's call-your-doctor
        close (R78, R85, R91, R94); else None."""
        told = self._told_just_now(handler_input)
        if told is None or not told.urgent:
            return None
        words = request_words(handler_input)
        return told if self.reader.asks_cause_of_told(words) or self.reader.points_back(words) \
            or self.reader.points_at_a_part(words) else None

    def _told_just_now(self, handler_input: HandlerInput) -> Topic | None:
        """The symptom whose report is the answer just heard, if it is."""
        conversation = Conversation(handler_input)
        last = conversation.topic(self.local(handler_input))
        return last if last is not None and conversation.stage() == "report" else None

    def _just_summarised(self, handler_input: HandlerInput, topic: Topic) -> bool:
        """True if `topic`'s summary is the answer just heard."""
        conversation = Conversation(handler_input)
        last = conversation.topic(self.local(handler_input))
        return last is not None and last.id == topic.id and conversation.stage() == "summary"

    def _next_stage(self, handler_input: HandlerInput, topic: Topic) -> str | None:
        """"more" for a second question about the topic whose summary was just heard ("what do
        they use to hold the bone?" after surgery): the summary again would not answer it."""
        if topic.more and self._just_summarised(handler_input, topic):
            # ... unless the words ask what the summary said ("and after surgery pain will reduce or not")
            return None if self._shares_more_with_summary(handler_input, topic) else "more"
        return None

    def _shares_more_with_summary(self, handler_input: HandlerInput, topic: Topic) -> bool:
        """True if the request shares more words with `topic`'s summary than with its next part
        (the summary's easing of pain, in "does it help with the pain as well" after surgery)."""
        parts = {"summary": topic.summary, "more": topic.more}
        return self.reader.stage_asked(request_words(handler_input), parts) == "summary"

    def _asks_again_of(self, handler_input: HandlerInput, topic: Topic) -> bool:
        """True if a question asks what the summary just heard already told: why ("why would
        they bother doing that" after surgery: the summary gives its reasons), or anything of
        a type ("what sort of cancer does that one come from" after osteolytic: its summary
        says all the article tells of it, and its next part only names the other types)."""
        if not self._just_summarised(handler_input, topic):
            return False
        words, intent = request_words(handler_input), intent_name(handler_input)
        if not words and topic.id != self.content.aspects[CAUSES].default:
            # "why" alone leans on the answer as "more" does, and hears the next part; only
            # after the causes, whose summary is the answer to why (experts don't know), does
            # it hear that again (R99)
            return False
        return self.reader.asks_why(words, intent) \
            or (self._answers_per_cancer(topic) and self.reader.asks_of_it(words, intent))

    def _asks_what_summary_told(self, handler_input: HandlerInput, topic: Topic) -> bool:
        """True if a follow-up asks what the summary just heard told, as a question naming the
        topic may (_next_stage): "does it help with the pain as well" after surgery."""
        return bool(topic.more) and self._just_summarised(handler_input, topic) \
            and self._shares_more_with_summary(handler_input, topic)

    def _named_again(self, handler_input: HandlerInput, topic: Topic) -> bool:
        """True if the request is the name alone ("what is {osteolytic}") of the topic whose
        summary was just heard."""
        return intent_name(handler_input) == "TopicIntent" and slot_value(handler_input, "topic")[0] == topic.id \
            and self._just_summarised(handler_input, topic)

    def direct_as_read(self, handler_input: HandlerInput, meaning: Meaning) -> Response:
        """The direction for an emergency or crisis as the reader read it (see direct)."""
        return self.direct(handler_input, meaning.kind, about_other=meaning.about_other, unsure=meaning.unsure,
                           perhaps_crisis=meaning.perhaps_crisis, own=meaning.topic is not None)

    def direct(self, handler_input: HandlerInput, kind: str, about_other: bool = False,
               unsure: bool = False, perhaps_crisis: bool = False, again: bool = False, own: bool = False) -> Response:
        """An emergency or crisis: the action first, the local number last; the session keeps
        the direction, so every later turn carries it too (SafetyStateHandler). An emergency
        the reader is unsure of names the doctor too; one whose words read perhaps as a crisis
        names the crisis line as well. `again`: a later turn's words heard the direction again;
        if the emergency is the article's own (danger_told), what the article
        says of it goes between the numbers, as "can't I just wait till Monday" or "what do I
        tell them when they get here" ask it. `own`: the reader read the article's own emergency
        in these words (its signs named, and the model reads its report at least 5% likely too): what it is
        goes between the numbers the first time too ("his legs went numb and he wet himself");
        any other first direction stays as short as it can be."""
        local = self.local(handler_input)
        conversation = Conversation(handler_input)
        given = conversation.safety()  # the direction this conversation already gave, if any
        if kind == "emergency" and unsure and given == "crisis":
            # Words read only perhaps as an emergency ("please don't tell my family") keep the
            # crisis direction: an unsure reading never replaces a direction.
            kind, about_other, unsure = "crisis", conversation.about_other(), False
        about_other = about_other and kind == "crisis"
        # An emergency after a crisis ("he's not picking up his phone") keeps the line as well:
        # the emergency number first and last, the crisis line between.
        line: tuple[str, ...] = ()
        if kind == "emergency" and given == "crisis":
            line = (local.safety["crisis.reminder"],)
        elif kind == "emergency" and (perhaps_crisis or conversation.named_line()):
            # "I've taken all my pills": both; and so on every later turn that directs again, and
            # after the line was named for words read perhaps as a crisis
            line = (local.safety["unplaced.answer"],)
        danger = self.danger_told(handler_input, conversation) if kind == "emergency" else None
        # The article's own emergency read in these words: its own direction is "immediately call
        # your doctor or dial 911", so the close names the doctor too; later turns say the
        # direction as an unsure one (the number first and last, the doctor too), as after its
        # report (R74 to R76: "is it serious" after back pain with numb legs)
        # The article's own emergency played down after its direction named the doctor ("it's
        # probably just from sleeping funny right" after numb legs, R92): that direction again,
        # the doctor too, and what it is between the numbers
        played_down = kind == "emergency" and given == "emergency" and danger is not None \
            and conversation.unsure() and self.reader.plays_down(self.heard(handler_input))
        names_doctor = kind == "emergency" and (unsure or (own and danger is not None) or played_down)
        conversation.directed(kind, about_other, danger=danger, line=bool(line), unsure=names_doctor)
        whose = "other_" if about_other else "unsure_" if unsure and kind == "emergency" else ""
        close = local.safety[f"{kind}.{'unsure_' if names_doctor else whose}close"]
        # ... and what the source says of an urgent symptom named in words read perhaps as an
        # emergency ("my mum is very drowsy and not making sense": high calcium), which the
        # doctor may be the one to call for
        doctor_symptom = unsure and danger is not None and danger.urgent == "doctor"
        about = (danger.summary,) if (again or own or played_down or doctor_symptom) and danger is not None else ()
        return self.say(handler_input, Reply(
            speech=(local.safety[f"{kind}.{whose}answer"], *line, *about), closing=close, reprompt=close,
            card_title=local.prompt(f"{kind}_title"), credit=local.number_credit(kind)))

    def danger_told(self, handler_input: HandlerInput, conversation: Conversation) -> Topic | None:
        """The article's own emergency an emergency direction is about: the one told earlier in
        this conversation (a report of it sets the direction too), or the one whose signs these
        words tell; else an urgent symptom these words name ("blocked up and thirsty ... can't wake
        him": high calcium), which later turns say between the numbers ("what could be doing this
        to him"). A calm question about it before is not told: it names no emergency."""
        local = self.local(handler_input)
        told = conversation.danger(local)
        if told is not None:
            return told
        named = self.reader.danger_named(request_words(handler_input))
        return local.topics[named] if named else None

    def leaves_after_direction(self, handler_input: HandlerInput, meaning: Meaning | None) -> bool:
        """True if, after a direction, the words end by taking leave ("ok we're phoning the
        ambulance now stop"), whatever the model made of those before (an emergency again, a
        reply): the session ends as asked, the number said last. A crisis read never ends it."""
        return (meaning is None or meaning.kind != "crisis") and self.reader.takes_leave(request_words(handler_input))

    def stops_in_perhaps_crisis(self, handler_input: HandlerInput) -> bool:
        """True if the words asked to stop, yet read perhaps as a crisis (Reader._meaning)."""
        meaning = self.meaning(handler_input)
        return meaning is not None and meaning.kind == "stop" and meaning.perhaps_crisis

    def sign_off(self, handler_input: HandlerInput, kind: str) -> Response:
        """Stop or cancel after an emergency or crisis: the direction, not a bare goodbye (the
        crisis line too, where the words that took leave read perhaps as a crisis)."""
        local = self.local(handler_input)
        if self.stops_in_perhaps_crisis(handler_input) or Conversation(handler_input).named_line():
            kind = "crisis"  # its goodbye names the line, then the emergency number
        return self.say(handler_input, Reply(speech=(), closing=local.safety[f"{kind}.goodbye"], end_session=True,
                                             credit=local.number_credit(kind)))

    def advice(self, handler_input: HandlerInput, topic: Topic | None, seeks_care: bool = True) -> Response:
        """A decision only the care team can make, except where the article itself directs:
        with an urgent symptom, contact the doctor right away ("should I go to the hospital with
        this pain?": yes); before dental work, the doctor or dentist. Advice it cannot give
        about an urgent symptom ("should I take more painkillers for this pain?") is refused,
        and the urgent close still ends it."""
        local = self.local(handler_input)
        conversation = Conversation(handler_input)
        last = conversation.topic(local)
        # a symptom told just now, or before the question just answered ("wait could it be broken", R88)
        told = self._urgent_told(handler_input)
        directs = None  # the thing asked, where the article directs on it and a symptom closes the answer
        if topic is None and last is not None and last.urgent:  # "what should I do?" after a symptom
            topic = last
        elif (topic is None or not topic.urgent) and told is not None:
            # just after a symptom was told, advice about anything else ("could that be the cancer
            # gone into her spine" after new back pain, R85): the symptom's direction and close,
            # not a bare refusal; where the article directs on the thing asked ("she is also taking
            # biss foss fo nates injection and she wants to get one tooth pulled out" after a
            # cracked rib, R140), its direction first
            directs = topic if topic is not None and topic.direction else None
            topic = told
        if topic is not None and topic.urgent:
            conversation.answered(topic, "report" if topic.report else topic.stages[-1])
            first = directs.direction if directs is not None else \
                local.safety["advice.urgent"] if seeks_care else local.safety["advice.answer"]
            return self.say(handler_input, Reply(speech=(first,), topic=topic, reprompt=local.prompt("next_question"),
                                                 card_title=(directs or topic).title))
        if topic is not None and topic.direction:
            conversation.reset()
            conversation.offered(topic)
            offer = local.prompt("facts_offer", topic=topic.name)
            return self.say(handler_input, Reply(speech=(topic.direction, offer), reprompt=offer,
                                                 card_title=topic.title, credit=local.source_line))
        return self.care_team(handler_input, "advice", topic)

    def care_team(self, handler_input: HandlerInput, kind: str, topic: Topic | None) -> Response:
        """Advice, hard questions, feelings, a diagnosis told: who can help, then what we have."""
        local = self.local(handler_input)
        first = {"advice": "advice.answer", "outlook": "distress.outlook", "feelings": "distress.feelings",
                 "diagnosed": "statements.diagnosed"}[kind]
        conversation = Conversation(handler_input)
        conversation.reset()
        if kind == "diagnosed":  # the article's own direction to people who already have cancer
            if topic is not None and topic.kind == "cancers":
                # the cancer told is what "it" means next ("can it get into her bones")
                conversation.answered(topic, topic.stages[0])
            topic = local.topics[self.content.slot_defaults["symptom"]]
        if topic is not None:
            conversation.offered(topic)
            offer = local.prompt("facts_offer", topic=topic.name)
            return self.say(handler_input, Reply(speech=(local.safety[first], offer), reprompt=offer))
        return self.say(handler_input, Reply(
            speech=(local.safety[first], local.prompt("unknown_suggestion"), local.prompt("question")),
            reprompt=local.prompt("help_reprompt")))

    def unwell(self, handler_input: HandlerInput) -> Response:
        """Something told about someone that we cannot place: never "I don't know"; the doctor,
        and the emergency number in case it is one."""
        local = self.local(handler_input)
        return self.say(handler_input, Reply(
            speech=(local.safety["statements.unwell"],), urgent="emergency", reprompt=local.prompt("next_question")))

    def beyond(self, handler_input: HandlerInput, topic: Topic | None, heard: str | None,
               told: Topic | None = None) -> Response:
        """Something the article does not say: say so, and offer what it has on the topic; an
        urgent symptom `told` before the question is named first and closes the answer."""
        local = self.local(handler_input)
        conversation = Conversation(handler_input)
        if topic is None and told is None:
            return self.unknown(handler_input, heard)
        if topic is None:
            return self.answer(handler_input, told, stage="report" if told.report else None)  # what was told
        conversation.offered(topic)
        offer = local.prompt("facts_offer", topic=topic.name)
        # a question that touches an urgent symptom ("which is worse a fracture or spinal cord
        # compression") still closes with that symptom's direction, and the symptom is the one
        # just told for what follows ("is it really that quick", R94)
        touches = told if told is not None and told.urgent and told.id != topic.id else None
        if topic.urgent or touches is not None:
            conversation.touching(topic if topic.urgent else touches)
        # a cancer the article never names is said back ("and blood cancer like myeloma", R99), so
        # it is not heard as one the source leaves out only here
        said = local.prompt("beyond_source_heard", heard=heard) if heard and self.reader.other_cancer_only(heard) \
            else local.prompt("beyond_source")
        return self.say(handler_input, Reply(speech=(*told_first(touches, topic), said, offer), reprompt=offer,
                                             urgent=topic.urgent, touches=touches))

    # What the conversation's own words do, from their intents or from words the reader placed
    # ("sorry which number" heard in a question's slot): yes, more, no, stop, repeat, help.
    def go_on(self, handler_input: HandlerInput) -> Response:
        """"Tell me more" and "yes": an offered topic, or the next stage of the last one."""
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

    def decline(self, handler_input: HandlerInput) -> Response:
        """"No": drop any offer and ask what else. Just after an urgent symptom was told ("but
        it's not swelling so maybe it's a sprain, no" after a crack heard in the arm), its
        call-your-doctor close still ends the answer (R83)."""
        Conversation(handler_input).offered(None)
        local = self.local(handler_input)
        told = self._told_just_now(handler_input)
        if told is not None and told.urgent:
            return self.say(handler_input, Reply(speech=(local.prompt("no_thanks"),), touches=told,
                                                 reprompt=local.prompt("next_question")))
        return self.prompt(handler_input, "no_thanks", "question", reprompt="help_reprompt")

    def leave(self, handler_input: HandlerInput) -> Response:
        """Stop, cancel: a short goodbye, and the session ends; where the words that took leave
        read perhaps as a crisis ("right, I'm ringing them now, stop"), the crisis line and the
        emergency number are the goodbye."""
        if self.stops_in_perhaps_crisis(handler_input):
            return self.sign_off(handler_input, "crisis")
        local = self.local(handler_input)
        return self.say(handler_input, Reply(speech=(local.prompt("goodbye"),), end_session=True))

    def replayed(self, handler_input: HandlerInput) -> Response | None:
        """The last response again, exactly, close and all (None if there is none to replay)."""
        saved = Conversation(handler_input).last_response()
        return speech.replay(handler_input, saved, self.local(handler_input)) if saved else None

    def again(self, handler_input: HandlerInput) -> Response:
        """"Repeat that": the last response again, exactly, close and all."""
        replayed = self.replayed(handler_input)
        if replayed is None:  # nothing said yet, or not words this skill says: forget them
            Conversation(handler_input).forget_response()
            return self.prompt(handler_input, "nothing_to_repeat", "question", reprompt="help_reprompt")
        return replayed

    def guide(self, handler_input: HandlerInput) -> Response:
        """What the skill can answer, with examples."""
        return self.prompt(handler_input, "help", "question", reprompt="help_reprompt")

    def aspect_answer(self, handler_input: HandlerInput, aspect: Aspect, subject: Topic | None,
                      carried: bool = False, told: Topic | None = None, named: bool = False,
                      lead: tuple[str, ...] = ()) -> Response:
        """One side of `subject` (or of the subject in general), or say the source lacks it
        (carried: the subject is the last answer's, neither named nor pointed at in these words;
        named: the words named the subject; told: an urgent symptom told before the question,
        whose close the answer takes; lead: what is said first, of a symptom told)."""
        local = self.local(handler_input)
        default = local.topics[aspect.default]
        target = subject.aspects.get(aspect.id) if subject else None
        if aspect.id == FREQUENCY and subject is not None and subject.id == self.content.slot_defaults["cancer"] \
                and not named:
            # "and how common is it" after which cancers spread asks how common bone metastases
            # are; "which cancers are most likely to spread" names the list, and hears it
            target = default.id
        touches = told or subject
        if target and subject is not None and target == subject.id and carried and told is None and not lead:
            # A side of the last answer that is the answer itself (a treatment's treatment: "and
            # they will take out the tumour also or only fix the bone" after surgery, R143): the
            # part of it the words ask of, not its summary again
            asked = self._part_asked(handler_input)
            if asked is not None:
                return asked
        if target:
            if aspect.id == TYPES and named and subject is not None and subject.kind == "cancers" \
                    and self.reader.asks_every_type(request_words(handler_input)):
                # "what are the different types, my brother has colon cancer" (R100): the three
                # types, as asked, not the one that cancer most often gives alone; "the first one"
                # or "is that the one he will have with the colon" then asks of them (R35)
                return self.answer(handler_input, default, touches=touches, lead=lead)
            return self.answer(handler_input, local.topics[target], touches=touches, lead=lead)
        general = subject is None or subject.id in (default.id, self.content.slot_defaults["topic"]) \
            or (aspect.offer_default and subject.id in self.overviews and not named and aspect.id != WHY_ASPECT)
        if aspect.id in (WHY_ASPECT, TYPES) and named and subject is not None and subject.kind != "cancers" \
                and not general:
            # "why are bisphosphonates used", "why does early diagnosis help": what the article
            # says of the subject is its answer, not the causes of bone metastases. So for "what
            # types of surgery are there", "how is ablation different from radiation": the three
            # types are bone metastases' own.
            return self.answer(handler_input, subject, touches=told, lead=lead)
        # About a cancer, a side the article answers for bone metastases in general ("how do they
        # treat it?" after ovarian cancer) gets that answer, unless it differs by cancer (types).
        for_any_cancer = subject is not None and subject.kind == "cancers" and aspect.offer_default \
            and not aspect.per_cancer
        # A side asked without naming or pointing at a subject ("what about the treatment?"
        # after the symptoms) is a new question about that side: the general answer, not a gap
        # in the last subject ("how is it treated?" asks about that one, and hears the gap).
        new_side = carried and aspect.offer_default and not (aspect.per_cancer and subject is not None
                                                             and subject.kind == "cancers")
        if general or aspect.any_topic or for_any_cancer or new_side:
            # Words of one's own ("what tests") just after how a diagnosis is made ask for its next
            # part; the aspect's own phrase again ("what about the skull" heard as where they
            # happen, with no words) is the same question, and hears the same answer, as do the
            # others of what it listed ("what other spots does it go" after where they happen: R84).
            words = request_words(handler_input)
            # Blame asked ("did she do something wrong", "so i {couldn't} have stopped it", the
            # carrier's word put back), or why asked again ("yeah but why does it spread" just
            # after the causes, R96), hears the summary again: it says experts don't know why the
            # cells spread.
            heard = self.heard(handler_input)
            again = self.reader.asks_blame(heard) or (
                aspect.id == WHY_ASPECT and self.reader.asks_why(heard, intent_name(handler_input)))
            stage = self._next_stage(handler_input, default) if words and not self.reader.asks_other_ones(words) \
                and not again else None
            return self.answer(handler_input, default, stage=stage, touches=touches, lead=lead)
        # The source says nothing about this side of the subject: say so first, so the general
        # answer is never heard as the subject's own ("what is the treatment" after the mixed
        # type: the treatments of bone metastases, in general), unless the general answer
        # belongs to another topic (the jaw is bisphosphonates' side effect, no one else's).
        gap = local.prompt("aspect_gap", topic=subject.name)
        if aspect.offer_default:
            return self.answer(handler_input, default, lead=(*lead, gap, local.prompt("in_general")), touches=touches)
        return self.untold(handler_input, subject, gap, subject.stages[-1], touches=told, lead=lead)


def told_first(told: Topic | None, asked: Topic | None) -> tuple[str, ...]:
    """What the source says of an urgent symptom told before a question about something else
    ("he's been ever so muddled and bunged up ... what do the hormone drugs do"), to say first:
    the person hears what they told named, not only "symptoms like these" in the close. Not the
    article's own emergency, whose report gives its direction on its own path."""
    if told is None or told.urgent != "doctor" or not told.report or (asked is not None and asked.id == told.id):
        return ()
    return (told.report,)


def with_crisis_line(reply: Reply, local: LocaleContent) -> Reply:
    """`reply`, then the crisis line and the emergency number last, for words that may be a
    person in crisis (read perhaps as one, or placed nowhere); an urgent reply still ends with
    its own close."""
    line, number = local.safety["unplaced.answer"], local.safety["unplaced.close"]
    if reply.close_kind():
        return reply._replace(speech=(*reply.speech, line, number))
    return reply._replace(speech=(*reply.speech, line), closing=number)


WHY_ASPECT = "causes"  # the side a "why" question asks about
LOCATIONS = "locations"  # the side a bone named after it asks about ("is the skull one of them")
ASPECT_LEFTOVERS = ("yes", "no", "repeat", "help")  # readings of an aspect intent's leftover words, never its meaning
EXIT_INTENTS = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")
# Intents whose words may ask something new (the aspect intents are read from the content).
FREE_WORD_INTENTS = ("TopicIntent", *sorted(QUESTION_CARRIERS), "FreeSpeechIntent", NEGATION_CARRIER,
                     *sorted(OPENING_WORDS), "NoAndIntent", "YesAndIntent", BYE_CARRIER)
QUESTION_INTENTS = (*FREE_WORD_INTENTS, "CancerSpreadIntent", "SymptomReportIntent", "AdviceRequestIntent")
# What the conversation's own words do when the reader finds them in a slot.
CONVERSATION_ACTS = {"yes": ContentHandler.go_on, "no": ContentHandler.decline, "stop": ContentHandler.leave,
                     "repeat": ContentHandler.again, "help": ContentHandler.guide}


def intent_name(handler_input: HandlerInput) -> str | None:
    request = handler_input.request_envelope.request
    if isinstance(request, IntentRequest) and request.intent is not None:
        return request.intent.name
    return None


class SafetyHandler(ContentHandler):
    """Any intent whose words say someone may be in danger: the direction, before anything else."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        meaning = self.meaning(handler_input)
        return meaning is not None and meaning.safety and not self.doubt_played_down(handler_input, meaning)

    def handle(self, handler_input: HandlerInput) -> Response:
        meaning = self.meaning(handler_input)
        given = Conversation(handler_input).safety()
        if given is not None and self.leaves_after_direction(handler_input, meaning):
            return self.sign_off(handler_input, given)
        return self.direct_as_read(handler_input, meaning)


class SafetyStateHandler(ContentHandler):
    """After an emergency or crisis direction, every turn that is not a new clear question
    ("what should I do", "which number", "sorry?", "no", "yes", "help", "stop", silence)
    gets the direction again, the number last; stop and cancel end with it, not a goodbye.
    A new question is answered, and the speech module closes it with the direction. After
    the crisis line named for words read perhaps as a crisis, the same with the line."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        envelope = handler_input.request_envelope
        if envelope.session is None or not isinstance(envelope.request, IntentRequest):
            return False  # events outside a conversation carry no session state
        return Conversation(handler_input).lasting() is not None and not self.asks_anew(handler_input)

    def asks_anew(self, handler_input: HandlerInput) -> bool:
        """True if the turn is a new, clear question or statement the skill can answer."""
        name = intent_name(handler_input)
        if name in self.content.fixed_intents:
            return True
        if name in ("MoreDetailIntent", "AMAZON.YesIntent"):
            # "yes" or "more" after an answer given since the direction (a topic asked anew, the
            # article's own emergency reported) goes on with it; right after the direction, the
            # direction again
            conversation = Conversation(handler_input)
            local = self.local(handler_input)
            return not conversation.just_directed() and (
                conversation.offer(local) is not None or conversation.topic(local) is not None)
        if name not in QUESTION_INTENTS and name not in self.content.aspect_by_intent:
            return False
        meaning = self.meaning(handler_input)
        if meaning is None:  # "what are the symptoms": an aspect intent with nothing more
            return name in self.content.aspect_by_intent
        if meaning.kind in ("question", "beyond"):
            return bool(meaning.topic or meaning.aspect)
        if meaning.kind == "advice" and meaning.topic is not None:
            # advice asked of the very danger the direction was about ("can't i just wait till my
            # appointment on monday" after the spinal cord's signs): the direction again, with
            # what it is, not a refusal to advise (the model of 2026-12-07 read it as advice)
            danger = Conversation(handler_input).danger(self.local(handler_input))
            return danger is None or danger.id != meaning.topic
        return meaning.kind in ("report", "diagnosed", "outlook")

    def handle(self, handler_input: HandlerInput) -> Response:
        kind = Conversation(handler_input).lasting()
        name = intent_name(handler_input)
        meaning = self.meaning(handler_input)
        # "Stop", "cancel" or a question's words that take leave ("{stop please}") end a session
        # that gave a direction. Other words the reader takes for a stop (a statement's "{it
        # stopped now}", "I don't {want to talk to anyone}") are something told, perhaps by
        # someone in crisis: they get the direction again, and the session stays open.
        # (read with the carrier's own word: a goodbye's carrier takes its "bye")
        # ... as do a statement's words that only bid farewell ("cheers for that catch ya later",
        # R136): a goodbye, nothing told with it (not "{stop}" in a statement: the fit stopped)
        heard = self.heard(handler_input)
        if name in EXIT_INTENTS or (meaning is not None and meaning.kind == "stop" and (
                self.reader.bids_farewell(heard) if name in STATEMENT_INTENTS else self.reader.says_goodbye(heard))) \
                or self.leaves_after_direction(handler_input, meaning):
            return self.sign_off(handler_input, kind)
        if name == "AMAZON.RepeatIntent" or (meaning is not None and meaning.kind == "repeat"):
            replayed = self.replayed(handler_input)
            if replayed is not None:
                return replayed
        conversation = Conversation(handler_input)
        if conversation.safety() is None:
            # only the line was named ("can't go on anymore"): the line again, as first said
            local = self.local(handler_input)
            return self.say(handler_input, with_crisis_line(Reply(
                speech=(), reprompt=local.prompt("question"), credit=local.number_credit("crisis")), local))
        return self.direct(handler_input, kind, about_other=conversation.about_other(), unsure=conversation.unsure(),
                           again=True)


class LaunchHandler(ContentHandler):
    """LaunchRequest and "start over": welcome, disclaimer, an example, a question."""

    def __init__(self, content: Content, reader: Reader, visits: VisitLog) -> None:
        super().__init__(content, reader)
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
    """"What is X?" (TopicIntent), any question in other words (QuestionIntent, WhyQuestionIntent...),
    anything else said (FreeSpeechIntent), and slot-less intents fixed to one topic."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        name = intent_name(handler_input)
        return name in FREE_WORD_INTENTS or name in self.content.fixed_intents

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        fixed = self.content.fixed_intents.get(intent_name(handler_input))
        if fixed:
            return self.answer(handler_input, local.topics[fixed])
        meaning = self.meaning(handler_input)
        if meaning is None:
            return self.unknown(handler_input, None)
        return self.respond(handler_input, meaning)


class AspectQuestionHandler(ContentHandler):
    """"What are its side effects?": an aspect of the named topic, or of the last one."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in self.content.aspect_by_intent

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        aspect = self.content.aspect_by_intent[intent_name(handler_input)]
        meaning = self.meaning(handler_input)
        if meaning is not None and meaning.when_to_call:  # "how do I know if it's {an emergency}"
            return self.respond(handler_input, meaning)
        if meaning is None or meaning.kind in ("more", *ASPECT_LEFTOVERS) \
                or (meaning.kind in ("question", "unknown") and meaning.topic is None and meaning.term is None) \
                or (meaning.kind == "beyond" and meaning.topic is None and meaning.follows_up):
            # No subject named ("what are its side effects?", "what about the side effects"):
            # the one just discussed. Words left after the intent's carrier that read as a reply
            # ("what are the signs of {it then}": yes), or as beyond the source but pointing back
            # ("how would I know if {my father is having it}"), do not unask the intent's question.
            return self.aspect_answer(handler_input, aspect, Conversation(handler_input).topic(local))
        if meaning.places_nothing:
            return self.unknown(handler_input, meaning.term)
        if meaning.also or meaning.against_last:  # "how is ablation different from radiation": both, not a side of one
            return self.respond(handler_input, meaning)
        if meaning.kind in ("question", "beyond", "diagnosed", "feelings"):
            # The intent itself says which side is asked ("side effects of {zometa}", "how would I
            # know if {my cancer reached my bones}"): of the topic the words name, whatever else
            # the model made of them.
            subject = local.topics.get(meaning.topic) if meaning.topic else None
            return self.aspect_answer(handler_input, aspect, subject, named=subject is not None)
        return self.respond(handler_input, meaning)


class CancerSpreadHandler(ContentHandler):
    """"Can lung cancer spread to bone?": the CANCER slot, or the list with none named."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "CancerSpreadIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        listing = local.topics[self.content.slot_defaults["cancer"]]
        meaning = self.meaning(handler_input)
        if meaning is None:
            return self.answer(handler_input, listing)
        if meaning.bone is not None and self._asks_of_places(handler_input, meaning):
            # "what about {your head can it go there} too" after where they happen: a place, not a
            # cancer, asked of (R87)
            return self.respond(handler_input, meaning)
        if meaning.kind in ("unknown", "more") or (meaning.kind in ("question", "beyond") and meaning.topic is None):
            last = Conversation(handler_input).topic(local)
            if meaning.follows_up and last is not None and last.kind == "cancers":
                return self.answer(handler_input, last)  # "can {it} spread to the bones" after a cancer
            if meaning.term is None:
                # no cancer named, but a word of the last answer ("{heat} as well" after ablation's
                # heat, cold or a chemical, R88): that answer's part, not the list of cancers
                asked = self._part_asked(handler_input, whole=True)
                if asked is not None:
                    return asked
            lead = (local.prompt("unknown_cancer", heard=meaning.term),) if meaning.term else ()
            return self.answer(handler_input, listing, lead=lead)
        return self.respond(handler_input, meaning)


class SymptomReportHandler(ContentHandler):
    """"I have bone pain": never a diagnosis; the symptom's report, then its close."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "SymptomReportIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        meaning = self.meaning(handler_input)
        if meaning is None or (meaning.kind == "report" and not local.topics[meaning.topic].report):
            # A symptom report with nothing we can place is still a person telling us something
            # is wrong: the general symptoms report, which closes with the doctor prompt.
            return self.answer(handler_input, local.topics[self.content.slot_defaults["symptom"]], stage="report")
        if meaning.kind == "repeat":
            # "sorry could you say that again please" heard as a statement: the last answer again,
            # close and all; with nothing said yet to repeat, something told, as below
            replayed = self.replayed(handler_input)
            if replayed is not None:
                return replayed
        asked_of = self._symptom_asked_of(handler_input) if meaning.places_nothing else None
        if asked_of is not None:
            # "{is that just how it goes though like} is that normal" just after hip pain told as
            # now constant (R98): whether what was told is to be expected, which its summary
            # tells ("at first it may come and go"), closing with the doctor
            return self.answer(handler_input, asked_of)
        if meaning.places_nothing or meaning.kind in CONVERSATION_ACTS:
            # Words told about someone that we cannot place ("{life} isn't worth it anymore"):
            # still a person telling us something is wrong, so the doctor and the emergency
            # number, never "I don't know" (nor a reply to "yes" or "help" heard in a statement).
            meaning = Meaning("unwell")
        elif meaning.kind == "advice" and meaning.topic is None:
            # Something told, then "what should I do": the article's own direction for symptoms.
            meaning = meaning._replace(topic=self.content.slot_defaults["symptom"])
        return self.respond(handler_input, meaning)


class PlayedDownHandler(ContentHandler):
    """An urgent symptom just told, then played down ("nah it's probably just a sprain she'll be
    right"): the article's direction for it again (contact the doctor right away) and its
    close, not "all right". A new question, symptom or request is answered as asked."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        name = intent_name(handler_input)
        if name is None or name in EXIT_INTENTS or name in self.content.fixed_intents:
            return False
        if Conversation(handler_input).lasting() is not None:
            return False  # after a direction, SafetyStateHandler says it again
        meaning = self.meaning(handler_input)
        if self.doubt_played_down(handler_input, meaning):
            return True
        if meaning is not None and (meaning.safety or meaning.kind in ("report", "advice", "stop")):
            return False  # told or asked anew
        if meaning is not None and meaning.kind in ("question", "beyond") and (meaning.topic or meaning.aspect):
            return False
        return self.played_down(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        return self.advice(handler_input, None, seeks_care=True)


class AdviceRequestHandler(ContentHandler):
    """"Should I stop my bisphosphonates?", "do I have bone mets?": only the care team can say."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AdviceRequestIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        local = self.local(handler_input)
        meaning = self.meaning(handler_input)
        topic = local.topics.get(meaning.topic) if meaning and meaning.topic else None
        # This intent's carriers ask whether to see, call or go ("should I {go to the hospital
        # with this pain}"), unless the words are about a medicine ("should I {take more pills}").
        seeks_care = meaning is None or meaning.kind != "advice" or not meaning.about_medicine
        return self.advice(handler_input, topic, seeks_care=seeks_care)


class MoreDetailHandler(ContentHandler):
    """"Tell me more" and "yes": an offered topic, or the next stage of the last one."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in ("MoreDetailIntent", "AMAZON.YesIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        return self.go_on(handler_input)


class NoHandler(ContentHandler):
    """"No": drop any offer and ask what else."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.NoIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        return self.decline(handler_input)


class RepeatHandler(ContentHandler):
    """"Repeat that": the last response again, exactly, close and all."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.RepeatIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        return self.again(handler_input)


class HelpHandler(ContentHandler):
    """What the skill can answer, with examples."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == "AMAZON.HelpIntent"

    def handle(self, handler_input: HandlerInput) -> Response:
        return self.guide(handler_input)


class ExitHandler(ContentHandler):
    """Stop, Cancel and NavigateHome: a short goodbye, and the session ends."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in EXIT_INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        return self.leave(handler_input)


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
        local = self.local(handler_input)
        return self.say(handler_input, with_crisis_line(Reply(
            speech=(local.prompt("fallback"),), reprompt=local.prompt("help_reprompt"),
            credit=local.number_credit("crisis")), local))


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
        if handler_input.request_envelope.session is None:  # events out of a session: no state at all
            return
        manager = handler_input.attributes_manager
        manager.session_attributes = clean_attributes(manager.session_attributes)


class RepeatCacheInterceptor(AbstractResponseInterceptor):
    """Saves what each open-session response said, so "repeat that" can say it again."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        saved = speech.said(handler_input)
        if intent_name(handler_input) == "AMAZON.RepeatIntent" or saved is None:
            return  # nothing said (silent answers, events out of a session): the last answer stays
        Conversation(handler_input).save_response(saved)


def _request_kind(handler_input: HandlerInput) -> str:
    request = handler_input.request_envelope.request
    return intent_name(handler_input) or getattr(request, "object_type", None) or type(request).__name__


# --- Requests that are not questions: what the skill answers to each kind (docs/requests.md) ---

def request_type(handler_input: HandlerInput) -> str:
    """The request's type ("AudioPlayer.PlaybackStarted"), or "" if it has none."""
    kind = getattr(handler_input.request_envelope.request, "object_type", None)
    return kind if isinstance(kind, str) else ""


def _label(value: object) -> str:
    """An enum-like value from a request (an error type, a reason, a status code) that is safe to
    log: only a short word of capitals, digits, dots and underscores, else "other"; never free text."""
    value = getattr(value, "value", value)
    text = str(value) if isinstance(value, (str, int)) else ""
    return text if re.fullmatch(r"[A-Za-z0-9_.]{1,40}", text) else "other"


def _silent(handler_input: HandlerInput) -> Response:
    """An empty response: no speech, no card, the session left as it is (shouldEndSession unset)."""
    return handler_input.response_builder.response


class CanFulfillIntentHandler(ContentHandler):
    """CanFulfillIntentRequest (name-free interaction): could this skill answer the intent?

    YES only for a question that names something the content answers (a topic, a cancer, a
    side of a topic the content covers). NO for everything else, including what the skill
    would answer but should not be chosen for by someone who did not ask for it: an
    emergency or a crisis (the person needs the emergency number, not a third-party skill),
    a symptom said as a statement, advice, feelings, questions about the skill itself, and
    follow-ups that need a conversation. Nothing is said and no state changes (Amazon's rule).
    """

    QUESTION_INTENTS = frozenset({"TopicIntent", *QUESTION_CARRIERS, "CancerSpreadIntent"})
    STATEMENT_INTENTS = frozenset({"SymptomReportIntent", "AdviceRequestIntent"})  # read, never chosen for

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) == "CanFulfillIntentRequest"

    def handle(self, handler_input: HandlerInput) -> Response:
        intent = getattr(handler_input.request_envelope.request, "intent", None)
        name = getattr(intent, "name", None)
        reads = isinstance(name, str) and (name in self.QUESTION_INTENTS or name in self.STATEMENT_INTENTS
                                           or name in self.content.aspect_by_intent)
        probe = _as_intent_request(handler_input) if reads else None
        meaning = understand(probe, self.reader) if probe is not None else None
        yes = probe is not None and self._answers(name, meaning, self.local(handler_input))
        placed = meaning is not None and not meaning.places_nothing
        slots = {}
        for slot_name, slot in (getattr(intent, "slots", None) or {}).items():
            if not isinstance(getattr(slot, "value", None), str) or not slot.value.strip():
                continue  # only the slots Alexa heard a value for
            # Understood: YES for a value that resolved to one of ours, MAYBE for words the
            # understanding module placed, NO otherwise (and for every slot of another skill's intent).
            resolved = slot_value(probe, slot_name)[0] if probe is not None and slot_name not in FREE_SLOTS else None
            understood = "YES" if resolved else "MAYBE" if placed else "NO"
            slots[slot_name] = CanFulfillSlot(can_understand=CanUnderstandSlotValues(understood),
                                              can_fulfill=CanFulfillSlotValues("YES" if yes else "NO"))
        log.info("can fulfill %s: %s", _label(name), "YES" if yes else "NO")
        verdict = CanFulfillIntent(can_fulfill=CanFulfillIntentValues("YES" if yes else "NO"), slots=slots or None)
        return handler_input.response_builder.set_can_fulfill_intent(verdict).response

    def _answers(self, name: str, meaning: Meaning | None, local: LocaleContent) -> bool:
        """True if the skill would answer this intent from the content, as its question handlers do."""
        aspect = self.content.aspect_by_intent.get(name)
        if name not in self.QUESTION_INTENTS and aspect is None:
            return False  # statements, advice, "more", the skill's own intents, built-ins, other skills'
        if meaning is None or (meaning.kind == "question" and not meaning.topic and not meaning.follows_up):
            # no subject named: only "which cancers spread to bone?" stands alone (the list of cancers)
            return name == "CancerSpreadIntent"
        topic = local.topics.get(meaning.topic) if meaning.topic else None
        if meaning.kind != "question" or meaning.follows_up or topic is None:
            return False
        if aspect is None and meaning.aspect:
            aspect = self.content.aspects.get(meaning.aspect)
        if aspect is None:
            return True
        # As ContentHandler.aspect_answer: the topic's own entry for that side, or a general one
        # that answers for it; otherwise the skill would say its source doesn't cover it.
        return bool(topic.aspects.get(aspect.id)) or aspect.any_topic \
            or topic.id in (aspect.default, self.content.slot_defaults["topic"])


def _as_intent_request(handler_input: HandlerInput) -> HandlerInput:
    """A separate HandlerInput holding the CanFulfillIntentRequest's intent as an IntentRequest,
    so the understanding module reads its slots as it would the real request's, and nothing it
    caches lands in this request's attributes."""
    request = handler_input.request_envelope.request
    envelope = RequestEnvelope(version="1.0", request=IntentRequest(
        request_id=request.request_id, timestamp=request.timestamp, locale=request.locale, intent=request.intent))
    return HandlerInput(request_envelope=envelope, attributes_manager=AttributesManager(request_envelope=envelope))


class PlaybackEventHandler(AbstractRequestHandler):
    """AudioPlayer and PlaybackController events. The skill plays no audio, so there is nothing
    to do; these requests take no speech, card or reprompt: an empty response."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input).startswith(("AudioPlayer.", "PlaybackController."))

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("playback event ignored: %s", _label(request_type(handler_input)))
        return _silent(handler_input)


class SystemExceptionHandler(AbstractRequestHandler):
    """System.ExceptionEncountered: Alexa could not use the skill's last response. It takes no
    speech; the error's type is logged (never its message, which may quote the response)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) == "System.ExceptionEncountered"

    def handle(self, handler_input: HandlerInput) -> Response:
        error = getattr(handler_input.request_envelope.request, "error", None)
        log.error("Alexa rejected a response: %s", _label(getattr(error, "object_type", None)))
        return _silent(handler_input)


class ScreenEventHandler(AbstractRequestHandler):
    """A touch on a screen (Alexa.Presentation.APL.UserEvent, Display.ElementSelected). The
    skill's screen has nothing to touch (apl_answer.json sends no events), so the event is not
    from it: nothing is said and the conversation stays where it was."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) in ("Alexa.Presentation.APL.UserEvent", "Display.ElementSelected")

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("screen event ignored: %s", _label(request_type(handler_input)))
        return _silent(handler_input)


class AplRuntimeErrorHandler(AbstractRequestHandler):
    """Alexa.Presentation.APL.RuntimeError: the device could not show a document. The answer was
    already spoken, so nothing is said; each error's type and reason are logged, as an error
    if the document was the skill's own (its token), so a broken screen is seen."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) == "Alexa.Presentation.APL.RuntimeError"

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        ours = getattr(request, "token", None) == speech.APL_TOKEN
        errors = getattr(request, "errors", None) or []
        kinds = ", ".join(sorted({f"{_label(getattr(e, 'object_type', None))}/{_label(getattr(e, 'reason', None))}"
                                  for e in errors[:10]})) or "none the SDK model reads"
        log.log(logging.ERROR if ours else logging.INFO, "APL runtime error in %s document: %s",
                "our" if ours else "another", kinds)
        return _silent(handler_input)


class DialogApiHandler(AbstractRequestHandler):
    """Dialog.API.Invoked (Alexa Conversations). The skill defines no Alexa Conversations APIs,
    so it has no API result to give: an empty response, with no apiResponse and no speech."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) == "Dialog.API.Invoked"

    def handle(self, handler_input: HandlerInput) -> Response:
        log.warning("Dialog.API.Invoked for an API this skill does not define")
        return _silent(handler_input)


class SessionResumedHandler(ContentHandler):
    """Connections.Response and SessionResumedRequest: the session comes back from a task or
    connection (a purchase, a permission, a PIN). The skill starts none, so whatever the task
    and its outcome (a cause the SDK model does not know arrives without its cause, see
    skill.py), it simply asks what the person would like to know, and keeps listening."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (request_type(handler_input) in ("Connections.Response", "SessionResumedRequest")
                and handler_input.request_envelope.session is not None)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        cause = getattr(request, "cause", None)  # None too for a cause the SDK model does not know
        task = getattr(cause, "object_type", None) or getattr(request, "name", None) or "unknown_cause"
        status = getattr(request, "status", None) or getattr(cause, "status", None)
        log.info("session resumed (%s, status %s)", _label(task), _label(getattr(status, "code", None)))
        return self.prompt(handler_input, "question", reprompt="help_reprompt")


class OutOfSessionHandler(AbstractRequestHandler):
    """Any other request that comes without a session: skill events (AlexaSkillEvent.*),
    messages (Messaging.MessageReceived) and whatever may be added. The skill subscribes to
    none; such requests take no speech and have no conversation to keep: an empty response.
    (A launch or an intent always comes in a session: without one it is malformed, and gets
    the apology.)"""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        kind = request_type(handler_input)
        return kind.startswith(("AlexaSkillEvent.", "Messaging.")) or (
            handler_input.request_envelope.session is None and kind not in ("LaunchRequest", "IntentRequest"))

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("out-of-session request ignored: %s", _label(request_type(handler_input)))
        return _silent(handler_input)
