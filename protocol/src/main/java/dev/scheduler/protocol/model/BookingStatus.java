package dev.scheduler.protocol.model;

public enum BookingStatus {
  CONFIRMED,
  CANCELLED
}
