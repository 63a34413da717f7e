import { Role } from "@/lib/generated/prisma/enums";

/** The roles as a select's options, from the Prisma enum (safe in client components). */
export const ROLE_OPTIONS = Object.values(Role).map((value) => ({ value, label: value[0].toUpperCase() + value.slice(1) }));
