"""Logging that never carries user, device or token identifiers, or anything a person said.

Request envelopes, slot values and exception messages (which can echo either) are never
logged: errors are described by their type and where they were raised.
"""

from __future__ import annotations

import logging

LOGGER_NAME = "bone_mets"
# Libraries whose debug lines carry request keys (DynamoDB keys are Alexa user ids) or URLs:
# held at WARNING whatever the root level.
QUIET_LIBRARIES = ("boto3", "botocore", "urllib3", "flask_ask_sdk", "ask_sdk_webservice_support", "werkzeug")


def configure(level: str) -> logging.Logger:
    """Set the skill's log level once (Lambda's root handler already writes to CloudWatch)."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(getattr(logging, level, logging.INFO))
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    if not logging.getLogger().handlers and not logger.handlers:
        logging.basicConfig(format="%(levelname)s %(name)s %(message)s")
    return logger


def describe_error(exception: BaseException) -> str:
    """The error's type and the place it was raised; never its message."""
    frame = exception.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    where = f" at {frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else ""
    return f"{type(exception).__name__}{where}"
