// A small app with a prompt in its code. Put the cursor in the prompt (or select it) and run
// "OPRO: Optimize Prompt" to improve it on data/arithmetic.jsonl.

const ARITHMETIC_PROMPT = 'Solve the arithmetic problem and reply with the result.';

interface ChatReply {
  choices: { message: { content: string } }[];
}

/** Asks an OpenAI-compatible endpoint one arithmetic question. */
export async function solve(question: string, baseUrl = 'http://localhost:11434/v1'): Promise<string> {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'llama3.2',
      messages: [{ role: 'user', content: `${ARITHMETIC_PROMPT}\n${question}` }],
    }),
  });
  const reply = (await response.json()) as ChatReply;
  return reply.choices[0]?.message.content ?? '';
}
