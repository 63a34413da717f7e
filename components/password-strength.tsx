"use client";

import { useEffect, useState } from "react";
import { passwordProblems, type PasswordPolicy } from "@/lib/validation/auth";

type Score = 0 | 1 | 2 | 3 | 4;
type Estimate = (password: string, userInputs: string[]) => Score;

const LABELS = ["Very weak", "Weak", "Fair", "Good", "Strong"] as const;
const COLORS = ["bg-red-500", "bg-red-500", "bg-amber-500", "bg-lime-600", "bg-emerald-600"] as const;

// zxcvbn and its dictionaries are large: load them only once someone types a password.
let estimator: Promise<Estimate> | undefined;
function loadEstimator(): Promise<Estimate> {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([{ ZxcvbnFactory }, common]) => {
      const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
      return (password, userInputs) => zxcvbn.check(password, userInputs.filter(Boolean)).score as Score;
    },
  );
  return estimator;
}

export function passwordRulesText(policy: PasswordPolicy): string {
  return policy === "nist"
    ? "Use at least 15 characters. Common passwords are not allowed."
    : "Use at least 8 characters with an upper-case and a lower-case letter, a digit and a special character. Common passwords are not allowed.";
}

/** Live hint under a new-password field: the rules still unmet, and an estimate of strength. */
export function PasswordStrength({
  password,
  policy,
  userInputs,
}: {
  password: string;
  policy: PasswordPolicy;
  userInputs: string[];
}) {
  const [estimate, setEstimate] = useState<{ password: string; score: Score } | null>(null);
  const inputsKey = userInputs.join("\n");

  useEffect(() => {
    if (!password) return;
    let current = true;
    loadEstimator().then((check) => {
      if (current) setEstimate({ password, score: check(password, inputsKey.split("\n")) });
    });
    return () => {
      current = false;
    };
  }, [password, inputsKey]);

  const problems = password ? passwordProblems(password, policy) : [];
  const score = estimate?.password === password ? estimate.score : null;

  return (
    <div id="password-strength" aria-live="polite" className="mt-2 text-sm">
      {password && score !== null && (
        <div className="flex items-center gap-3">
          <div aria-hidden="true" className="grid flex-1 grid-cols-4 gap-1">
            {[1, 2, 3, 4].map((step) => (
              <span key={step} className={`h-1.5 rounded-full ${score >= step ? COLORS[score] : "bg-slate-200"}`} />
            ))}
          </div>
          <p className="shrink-0 text-right text-slate-700" data-testid="password-strength-label">
            <span className="sr-only">Password strength: </span>
            {LABELS[score]}
          </p>
        </div>
      )}
      {problems.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-slate-700" aria-label="Still needed">
          {problems.map((p) => (
            <li key={p} className="flex gap-2">
              <span aria-hidden="true" className="text-slate-400">
                •
              </span>
              {p}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
