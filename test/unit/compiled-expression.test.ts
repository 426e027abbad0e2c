import { ExpressionRunner, FunctionFactory } from "survey-core";
import { describe, expect, it, vi } from "vitest";
import { compileOperand } from "../../schemas/compile/compiled-expression";

/** The compiled closure gives what survey-core's runner gives, on the same values (issue #22). */
function bothOn(expression: string, values: Record<string, unknown>) {
  const runner = new ExpressionRunner(expression);
  const operand = (runner as unknown as { expressionExecutor: { operand: never } }).expressionExecutor.operand;
  const compiled = compileOperand(operand);
  if (!compiled) throw new Error(`not compiled: ${expression}`);
  return { runner: runner.runValues(values), compiled: compiled(values) };
}

const household = {
  Owns_Land: true,
  island: "1",
  rooms: "3",
  "panel.birth_date": "key with a dot",
  members: [{ name: "A", age: 30 }, { age: "12" }],
  tags: ["a", "b"],
  code: "012",
  empty: "",
};
const member = Object.assign(Object.create(household) as Record<string, unknown>, {
  panel: { birth_date: "2010-05-01", attends_school: true, hobbies: ["x"] },
  panelIndex: 1,
  visiblePanelIndex: 1,
});

const EXPRESSIONS = [
  "{owns_land} = true",
  "{OWNS_LAND} = 'true'",
  "{island} = '1'",
  "{island} = 1",
  "{rooms} > 2",
  "{rooms} + 1",
  "{code} = '012'",
  "{code}",
  "{missing} empty",
  "{empty} notempty",
  "{missing}",
  "{members.length}",
  "{missing.length}",
  "{tags.length} >= 2",
  "{members[0].name}",
  "{members[1].age} >= 12",
  "{members[5].age}",
  "{members[-1].age}",
  "{panel.birth_date}",
  "age({panel.birth_date}) >= 12",
  "age({panel.birth_date}) < 6 or {panel.attends_school} = true",
  "{panel.hobbies} contains 'x'",
  "{panel.hobbies} anyof ['x', 'y']",
  "{tags} allof ['a', 'b']",
  "!({island} = '2')",
  "sum({rooms}, 2)",
  "iif({island} = '1', 'yes', 'no')",
  "{panelIndex} = 1",
  "today()",
];

describe("compiled expressions", () => {
  it.each(EXPRESSIONS)("%s gives survey-core's result", (expression) => {
    const { runner, compiled } = bothOn(expression, member);
    expect(compiled).toEqual(runner);
  });

  it("reads a household's own keys as the runner does", () => {
    expect(bothOn("{owns_land} and {island} = '1'", household)).toEqual({ runner: true, compiled: true });
  });

  it("counts age() up to the day it runs on, as survey-core does, when the same birth dates come back on later days", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const days = ["2026-04-30T23:59:00", "2026-05-01T00:01:00", "2026-05-01T12:00:00", "2025-05-01T12:00:00", "2026-04-30T12:00:00"];
      const ages = days.map((day) => {
        vi.setSystemTime(new Date(day));
        return bothOn("age({panel.birth_date})", { panel: { birth_date: "2010-05-01" } });
      });
      expect(ages).toEqual([15, 16, 16, 15, 15].map((age) => ({ runner: age, compiled: age })));
    } finally {
      vi.useRealTimers();
    }
  });

  it("leaves an async function to the runner", () => {
    FunctionFactory.Instance.register(
      "compiledExpressionTestAsync",
      function (this: { returnResult: (v: unknown) => void }) {
        this.returnResult(true);
      },
      true,
    );
    const runner = new ExpressionRunner("compiledExpressionTestAsync() = true");
    expect(compileOperand((runner as unknown as { expressionExecutor: { operand: never } }).expressionExecutor.operand)).toBeNull();
  });
});
