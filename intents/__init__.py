"""Understanding questions: normalising, intent matching, slots and handlers."""
