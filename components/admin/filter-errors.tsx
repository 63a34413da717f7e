import type { z } from "zod";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldErrors } from "@/lib/http/body";

/** The alert a console list shows when its filters (query parameters) do not parse. */
export function FilterErrors({ error }: { error: z.ZodError }) {
  return (
    <FormAlert title="Check the filters">
      <ul className="mt-1 list-disc pl-5">
        {Object.values(fieldErrors(error)).map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </FormAlert>
  );
}
