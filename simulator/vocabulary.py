"""The domain's words: difficulties, call outcomes, beats, question topics, trainee moves."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

# The languages a call can be held in: English (the default) and Bahasa Indonesia. A
# persona, a scenario and a call each have one; a trainee switches only between calls.
LANGS: tuple[str, ...] = ("en", "id")
Lang = Literal["en", "id"]


class Difficulty(StrEnum):
    """Changes how the persona behaves, never the facts."""

    EASY = "easy"
    NORMAL = "normal"
    HARD = "hard"


class Outcome(StrEnum):
    """How a call stands or ended."""

    CONTINUING = "continuing"
    HUNG_UP = "hung_up"
    NEXT_STEP = "next_step_agreed"
    TRAINEE_ENDED = "trainee_ended"


class Beat(StrEnum):
    """What the persona's next line does; authored lines are grouped by beat."""

    OPENING = "opening"
    PROBING = "probing"
    OBJECTION = "objection"
    PRESSURE = "pressure"
    REVEAL = "reveal"
    SOFTENING = "softening"
    NEXT_STEP = "next_step"
    HANG_UP = "hang_up"


class Topic(StrEnum):
    """What a trainee's question asks about; personas answer each in their own words."""

    ORIGIN = "origin"  # how they found us, why us
    BUSINESS = "business"  # the company, their role, their customers
    TODAY = "today"  # how it works now: process, tools, a normal week
    PROBLEM = "problem"  # what goes wrong, the pain and its cost
    WHY_NOW = "why_now"  # what prompted this now
    SUCCESS = "success"  # what a good outcome looks like, how they'd judge it
    WORRY = "worry"  # concerns, doubts, risks
    CRITERIA = "criteria"  # what they look for in who they hire; what makes them confident
    NEEDS = "needs"  # what they need delivered: scope, must-haves, first release
    PAST = "past"  # what they tried before, earlier vendors
    BUDGET = "budget"
    DEADLINE = "deadline"
    DECISION = "decision"  # who decides, who else is involved
    USERS = "users"  # who would use it day to day, who it is for
    TEAM = "team"  # who on their side would work on it: in-house people, point of contact
    SUPPORT = "support"  # after launch: maintenance, hosting, training, who looks after it
    SETUP = "setup"  # what they already have: website, systems, tools, data, brand


# The question topics a fact of each kind answers, unless the fact names its own.
KIND_TOPICS: dict[str, tuple[Topic, ...]] = {
    "budget": (Topic.BUDGET,),
    "deadline": (Topic.DEADLINE,),
    "decision": (Topic.DECISION,),
    "pain": (Topic.PROBLEM,),
    "incumbent": (Topic.PAST,),
}


class Move(StrEnum):
    """What a trainee turn did, as the client hears it; bank lines say which moves they answer."""

    QUESTION = "question"  # an open question about the client's situation
    CLOSED_QUESTION = "closed_question"
    EMPATHY = "empathy"  # acknowledges or reflects what the client said
    LIMIT = "limit"  # holds a line: a no, a price that stands, "not included"
    TRADE = "trade"  # offers something in return for something
    CONCESSION = "concession"  # gives in: a discount, a freebie, a yes with nothing traded
    PITCH = "pitch"  # talks about us and the offer
    PRICE = "price"  # talks money
    PUSH = "push"  # a pushy close or an instant answer under pressure
    HOSTILE = "hostile"  # attacks, or frames it as win-lose
    ARGUE = "argue"  # corrects, justifies or lectures the client
    NEXT_STEP = "next_step"  # asks for a meeting, a proposal, a decision
    WINWIN = "winwin"  # names both sides' interests, "we"
    SMALL_TALK = "small_talk"  # a greeting, a pleasantry
    STATEMENT = "statement"  # says something, asks nothing: back-channel territory
    FAREWELL = "farewell"  # thanks and goodbye at the end of the call
    REPEAT = "repeat"  # "Sorry, what was that?": missed what the client said
    LOGISTICS = "logistics"  # call admin: the time we have, notes, "can you hear me?"
    CHECK = "check"  # plays back what the client said and asks if that is right
