"""Grades arithmetic answers with a language model; the prompts below can be optimized with OPRO."""

SYSTEM_PROMPT = """You are a careful math tutor.
Answer the question and end with "The answer is N"."""

def build_prompt(question: str, style: str = "brief") -> str:
    return f"Answer the {style} way: {question}\nKeep it short, and say 'The answer is N' at the end."
