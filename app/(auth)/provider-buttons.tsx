import { SubmitButton } from "@/components/ui/submit-button";
import { configuredProviders } from "@/lib/federation/providers";
import { startProviderSignInAction } from "./provider-actions";

/** One button per configured provider (none when none is configured), on /login and /register. */
export function ProviderButtons({ next = "", verb = "Continue" }: { next?: string; verb?: string }) {
  const providers = configuredProviders();
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 space-y-3" data-testid="provider-buttons">
      <p className="flex items-center gap-3 text-xs font-medium tracking-wide text-slate-500 uppercase before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
        or
      </p>
      {providers.map((p) => (
        <form key={p.id} action={startProviderSignInAction}>
          <input type="hidden" name="provider" value={p.id} />
          <input type="hidden" name="next" value={next} />
          <SubmitButton variant="secondary" fullWidth pendingText={`Opening ${p.name}…`}>
            {verb} with {p.name}
          </SubmitButton>
        </form>
      ))}
    </div>
  );
}
