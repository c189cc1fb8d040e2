"""Pure projection logic: event payload + current document -> next document. No I/O."""
