/** Exercise checks for the coursework notebooks (nbgrader-style: a wrong answer throws). */
export { AnswerError, checkAnswer, checkThat } from "./check-answer";
export type { AnswerTolerance } from "./check-answer";
