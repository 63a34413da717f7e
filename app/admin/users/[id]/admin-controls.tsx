import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { getProfile } from "@/lib/users/account";
import { ROLE_OPTIONS } from "@/lib/users/role-options";
import { DEACTIVATE_CONFIRMATION_MESSAGE, DELETE_CONFIRMATION_MESSAGE, RESET_FACTORS_CONFIRMATION_MESSAGE } from "@/lib/validation/account";
import { ConfirmedUserAction, UserActionButton, UserActionForm } from "./user-actions";

type Profile = Awaited<ReturnType<typeof getProfile>>;


/** Role, deactivation and deletion: administrators only (the page and the action both check). */
export function AdminControls({ user, self }: { user: Profile; self: boolean }) {
  if (self) {
    return (
      <p className="text-sm text-slate-600">
        This is your own account. Change your name, password or sessions from Settings; another administrator can change your role or
        access.
      </p>
    );
  }
  return (
    <div className="divide-y divide-slate-100">
      <div className="pb-5">
        <h3 className="text-base font-semibold text-slate-900">Role</h3>
        <UserActionForm intent="change_role" className="mt-3 flex flex-wrap items-end gap-3">
          <SelectField key={user.role} label="Role" name="role" options={ROLE_OPTIONS} defaultValue={user.role} className="w-48" />
          <SubmitButton variant="secondary" pendingText="Changing…">
            Change role
          </SubmitButton>
        </UserActionForm>
      </div>
      <div className="py-5">
        <h3 className="text-base font-semibold text-slate-900">Sign-in access</h3>
        {user.isActive ? (
          <div className="mt-3">
            <p className="mb-3 text-sm text-slate-600">Deactivating revokes every session and refuses sign-in until an administrator reactivates the account.</p>
            <ConfirmedUserAction
              intent="deactivate"
              confirmLabel="Yes, sign this user out everywhere and refuse their sign-ins"
              error={DEACTIVATE_CONFIRMATION_MESSAGE}
              pendingText="Deactivating…"
            >
              Deactivate
            </ConfirmedUserAction>
          </div>
        ) : (
          <div className="mt-3">
            <p className="mb-3 text-sm text-slate-600">The account is deactivated; reactivating lets them sign in again with their password.</p>
            <UserActionButton intent="reactivate" pendingText="Reactivating…">
              Reactivate
            </UserActionButton>
          </div>
        )}
      </div>
      <div className="py-5">
        <h3 className="text-base font-semibold text-slate-900">Second factors</h3>
        <p className="mt-1 mb-3 text-sm text-slate-600">
          For someone who lost their phone or security key and has no recovery codes: removes their authenticator app, passkeys and recovery codes. Check who
          they are first. They are mailed.
        </p>
        <ConfirmedUserAction intent="reset_factors" confirmLabel="I checked who they are; remove their second factors" error={RESET_FACTORS_CONFIRMATION_MESSAGE} pendingText="Resetting…">
          Reset second factors
        </ConfirmedUserAction>
      </div>
      <div className="pt-5">
        <h3 className="text-base font-semibold text-slate-900">Delete</h3>
        <p className="mt-1 mb-3 text-sm text-slate-600">
          Deletes the account, its sessions and mail. Audit events stay, with the user replaced by a pseudonym.
        </p>
        <ConfirmedUserAction
          intent="delete"
          confirmLabel="I understand this cannot be undone"
          error={DELETE_CONFIRMATION_MESSAGE}
          pendingText="Deleting…"
        >
          Delete user
        </ConfirmedUserAction>
      </div>
    </div>
  );
}
