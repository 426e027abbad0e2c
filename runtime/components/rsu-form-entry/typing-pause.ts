import type { Question, SurveyModel } from "survey-core";

/**
 * How long typing stops before the text is handed to SurveyJS. Handing it at every key made each key
 * re-run the questionnaire's conditions and texts, seconds per key in a 60-member household (#18); after
 * a pause this long the clerk has usually stopped typing, so the work waits behind no key.
 */
export const TYPING_PAUSE_MS = 2_000;

/** Input types SurveyJS's text question takes on blur; dates, colours and ranges it takes as they change. */
const TYPED_INPUTS = new Set(["text", "number", "tel", "email", "url", "password", "search"]);

/**
 * With the survey's textUpdateMode "onBlur", SurveyJS takes text when its field is left. This hands it over
 * after a pause in typing too, and when asked (`handOver`, before the draft is written), so a draft keeps
 * a word typed in a field not yet left.
 */
export class TypingPause {
  private typing?: { input: HTMLInputElement | HTMLTextAreaElement; question: Question };
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: HTMLElement,
    private readonly model: SurveyModel,
  ) {
    host.addEventListener("input", this.handleInput, true);
  }

  /** Gives SurveyJS what is typed and not yet handed over, if anything. */
  handOver(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const typing = this.typing;
    this.typing = undefined;
    if (!typing || typing.question.isDisposed) return;
    const { input, question } = typing;
    // A text question's inputValue applies its input mask and number conversion, as its own blur does.
    if ("inputValue" in question) question.inputValue = input.value;
    else question.value = input.value;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.host.removeEventListener("input", this.handleInput, true);
  }

  private readonly handleInput = (event: Event) => {
    const input = event.target;
    const typed = input instanceof HTMLTextAreaElement || (input instanceof HTMLInputElement && TYPED_INPUTS.has(input.type));
    if (!typed) return;
    if (this.typing?.input !== input) {
      this.handOver();
      const question = this.questionOf(input);
      if (!question) return;
      this.typing = { input, question };
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.handOver(), TYPING_PAUSE_MS);
  };

  /** The text or comment question whose own field this is (SurveyJS names it `<question id>i`). */
  private questionOf(input: HTMLInputElement | HTMLTextAreaElement): Question | undefined {
    if (!input.id.endsWith("i")) return undefined;
    const id = input.id.slice(0, -1);
    return this.model
      .getAllQuestions(false, false, true)
      .find((question) => question.id === id && ["text", "comment"].includes(question.getType()));
  }
}
