// Answering the question she asked of the viewer's unit: the answer is what she will be told,
// so the form asks for it in full and says plainly when the hub refused it.
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { failedRequest, type Problems, ProblemSummary, sameNames, TextAreaField, useProblems } from "../../app/FormParts";
import { graphql } from "../../generated/graphql";

export const ANSWER_QUESTION = graphql(`
  mutation AnswerQuestion($questionId: ID!, $answer: String!) {
    answerQuestion(questionId: $questionId, answer: $answer) {
      __typename
      ... on VictimQuestion {
        id
        answer
        answeredAt
      }
      ...MutationProblem
    }
  }
`);

const answerField = sameNames("answer");

export function AnswerQuestionForm({ questionId, question, onAnswered }: { questionId: string; question: string; onAnswered: (said: string) => Promise<unknown> }) {
  const [answer, setAnswer] = useState("");
  const { problems, note, show, refuse, ref: problemRef } = useProblems();
  const [send, { loading }] = useMutation(ANSWER_QUESTION);
  const base = useId();
  const ids = { answer: `${base}-answer` };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    if (!answer.trim()) return show({ answer: "Enter the answer she will be given" } satisfies Problems);
    try {
      const { data } = await send({ variables: { questionId, answer: answer.trim() } });
      const result = data?.answerQuestion;
      if (!result) return show({ form: "The answer was not saved. Please try again." }, "Nothing was saved.");
      if (result.__typename !== "VictimQuestion") return refuse(result, answerField);
      await onAnswered(`Her question “${question}” has been answered.`);
    } catch (error) {
      refuse(failedRequest(error, "We could not save the answer. Check your connection and try again."), answerField);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="case-form no-print" aria-label={`Answer her question: ${question}`}>
      <ProblemSummary problems={problems} fieldIds={ids} note={note} level={3} ref={problemRef} />
      <TextAreaField id={ids.answer} label="Your answer" hint="Write it as she will read it, in plain words." value={answer} onChange={setAnswer} problem={problems.answer} rows={4} />
      <button type="submit" className="button" disabled={loading}>
        {loading ? "Sending the answer…" : "Send the answer"}
      </button>
    </form>
  );
}
