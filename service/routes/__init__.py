"""One router per resource, included in `service.app`."""
