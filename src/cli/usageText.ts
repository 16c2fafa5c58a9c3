/** `opro --help`. */
export const USAGE = `opro: optimize prompts with OPRO (Large Language Models as Optimizers)

Usage:
  opro optimize --dataset FILE (--prompt TEXT | --prompt-file FILE) [--dry-run] [options]
  opro eval --dataset FILE --prompt TEXT [--prompt TEXT ...] [--min-score X]
            [--baseline RUN.json [--min-improvement D]] [--out RUN.json] [options]
  opro resume RUN.json [--steps N] [--max-cost USD] [options]   on the run's own endpoints (--base-url
                               only for a run file that records none); the key from OPENAI_API_KEY
  opro meta-prompt RUN.json
  opro mcp [options]           an MCP server on stdio (tools: optimize, evaluate, resume, show-run);
                               its options are the tools' defaults, keys come from the environment

Dataset and scoring:
  --dataset FILE            JSONL, JSON array, CSV or TSV with an input and an expected-output column
  --input-column C          column holding the input (detected: question/input/prompt/text/query)
  --target-column C         column holding the expected output (detected: answer/target/output/label/expected)
  --skip-bad-rows           drop malformed rows and report how many, instead of stopping
  --max-dataset-mb N        refuse dataset files larger than this (default 100)
  --position P              Q_begin | Q_end | before_Q | A_begin | system | template (default: template
                            when the prompt has {{column}} placeholders, else Q_begin)
  --include-qa              wrap each example as "Q: ... A:"
  --metric K                number | choice | boolean | exact | contains | regex | json (default: detected),
                            or judge (an LLM grades with a rubric) or custom (your scorer module)
  --fields a,b              json: compare only these fields of the expected object
  --rubric FILE             judge: what a good answer looks like
  --judge-model M           judge: the grading model (default: the scorer model)
  --scorer FILE             custom: a .js/.mjs module exporting score({ input, expected, output, row })
                            returning a number in [0, 1], a boolean or { score, reason }
  --length-penalty X        rank by score - X * instruction tokens, to prefer short prompts (default 0)
  --evaluation E            full (every row for every candidate) | adaptive (race candidates on growing
                            batches, stop those that cannot win; fewer calls) (default full)
  --train N|FRACTION        training rows (default: all rows not in validation)
  --validation N|FRACTION   held-out rows scored at the end (default 0)
  --seed N                  seeds the split, the exemplars and the optimizer (default 0)

Models (any OpenAI-compatible endpoint; README lists each provider's base URL and quirks):
  --provider P              openai | azure | anthropic | gemini | groq | mistral | openrouter | ollama |
                            lmstudio | vllm | llamacpp: its base URL and known quirks (default openai)
  --base-url URL            endpoint, e.g. http://localhost:11434/v1 (env OPENAI_BASE_URL)
  --api-key KEY             API key of that endpoint (env OPENAI_API_KEY; prefer the environment)
  --scorer-model M          model that answers the examples (default gpt-4o-mini)
  --optimizer-model M       model that proposes instructions (default: the scorer model)
  --scorer-max-tokens N     longest answer, reasoning included (default 1024; 4096 for reasoning models)
  --optimizer-max-tokens N  longest proposal (default 512; 4096 for reasoning models)
  --reasoning-effort E      none | minimal | low | medium | high, sent to reasoning models (default: theirs)
  --model-family P=F        treat models matching P (* wildcard) as F = reasoning | standard; repeatable
  --concurrency N           requests in flight at once (default 8)
  --timeout MS              per-request timeout (default 60000)
  --max-retries N           retries of a failed request (default 6; a 429 that says when to come back
                            is waited out instead, up to 10 minutes)

Optimization:
  --steps N                 optimization steps (default 10)
  --candidates N            optimizer calls per step (default 8)
  --exemplars N             dataset examples shown per step (default 3)
  --exemplar-selection S    random | failures (default random)
  --method M                opro (the paper's meta-prompt, exactly) | feedback (also shows the optimizer
                            training examples the best prompt gets wrong, README "Failure-aware
                            proposals") (default opro)
  --feedback-examples M     feedback: most failed examples shown per step (default 3)
  --demos K                 score each proposed instruction with K training rows as worked examples
                            (never scored on those rows); random sets, then swaps around the best
                            (default 0: the instruction alone)
  --repeat N                optimize: N runs with seeds --seed .. --seed+N-1 on the same split, then the
                            spread of the winner's validation score and how often each prompt won
  --target-score X          stop when the best reaches X in [0, 1] (default 1)
  --patience K              stop after K steps without improvement (default: never)
  --max-calls N             stop before paying more calls (default: unlimited)
  --max-tokens N            stop once this many tokens were paid (default: unlimited)
  --max-cost USD            stop, resumable, before the run's cost could pass USD (needs priced models)
  --prices JSON             USD per million tokens by model, over the built-in list prices:
                            '{"my-model":{"input":0.2,"cachedInput":0.05,"output":0.8}}'
  --dry-run                 print the estimate (calls, tokens, dollars) and exit without calling a model

CI gates (opro eval):
  --min-score X             exit 1 when a prompt scores below X in [0, 1], saying which and why
  --baseline RUN.json       compare with the best score of a saved run (e.g. an eval of the old prompt)
  --min-improvement D       exit 1 unless each prompt beats the baseline by D (0.02 = 2 points;
                            0 = no regression; --min-improvement=-0.02 tolerates a 2-point drop)

Output:
  --out RUN.json            run file (default .opro/runs/<run id>.json; eval saves one only with --out)
  --cache-dir DIR           response cache (default .opro/cache); --no-cache to disable
  --config FILE             JSON file with any of these options in camelCase (default ./opro.config.json)
  --json                    print one JSON summary on stdout instead of text

Exit codes: 0 done, 1 failed, 2 bad usage or bad input, 130 cancelled (Ctrl-C; resume with opro resume).`;
