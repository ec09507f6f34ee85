"""The floor for benchmarks: the smallest ask-sdk-core skill (one handler), built like ours."""

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder


class AnswerEverything(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        return handler_input.response_builder.speak("Hello.").ask("Hello?").response


builder = SkillBuilder()
builder.add_request_handler(AnswerEverything())
skill = builder.create()
lambda_handler = builder.lambda_handler()
