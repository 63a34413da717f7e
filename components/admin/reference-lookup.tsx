import Form from "next/form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/** "Look up a reference": the request id a user was shown; /admin/requests sends it on to its page. */
export function ReferenceLookup({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <Form action="/admin/requests" role="search" aria-label="Look up a reference" className="flex items-end gap-2">
      <TextField
        label="Reference"
        name="reference"
        defaultValue={defaultValue}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="Request id"
        className="min-w-0 flex-1"
      />
      <Button type="submit" variant="secondary">
        Look up
      </Button>
    </Form>
  );
}
